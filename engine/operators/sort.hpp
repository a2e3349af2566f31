#pragma once

#include "engine/operators/physical_operator.hpp"
#include "engine/types/string_heap.hpp"
#include "engine/types/value.hpp"

#include <vector>

namespace sumoql {

struct SortKeySlot {
	idx_t slot;
	bool descending;
};

//! `sort by a desc, b asc`: keeps every row that reaches it, then produces them in order.
//! Per key: numbers compare numerically, strings in code-point order, numbers come before
//! strings, and nulls come last whatever the direction. The sort is stable, so rows that tie
//! on every key keep their input order.
class SortOperator : public PhysicalOperator {
public:
	explicit SortOperator(std::vector<SortKeySlot> keys);

	bool IsPipelineBreaker() const override {
		return true;
	}

	void Sink(DataChunk &chunk) override;

	bool GetData(DataChunk &chunk) override;

private:
	bool RowLess(idx_t a, idx_t b) const;

	std::vector<SortKeySlot> keys_;
	//! Held rows, one vector of values per slot of the chunks it receives; strings point into
	//! `heap_`.
	std::vector<std::vector<Value>> columns_;
	StringHeap heap_;
	idx_t row_count_ = 0;
	std::vector<idx_t> order_;
	bool sorted_ = false;
	idx_t next_output_ = 0;
};

} // namespace sumoql
