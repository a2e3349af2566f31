#pragma once

#include "engine/operators/physical_operator.hpp"
#include "engine/operators/row_buffer.hpp"

#include <vector>

namespace sumoql {

struct SortKeySlot {
	idx_t slot;
	bool descending;
};

//! Orders two non-null values in ascending order: numbers numerically, strings in code-point
//! order, and numbers before strings before booleans. Returns -1, 0 or 1.
int CompareForSort(const Value &a, const Value &b);

//! Orders two values of one sort key: -1 when `a` comes first, 1 when `b` does, 0 for a tie.
//! Nulls come last whatever the direction.
int CompareSortKeyValues(const Value &a, const Value &b, bool descending);

//! Returns true when held row `a` comes before held row `b` under `keys`. Nulls come last
//! whatever the direction.
bool RowComesFirst(const RowBuffer &rows, const std::vector<SortKeySlot> &keys, idx_t a, idx_t b);

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
	std::vector<SortKeySlot> keys_;
	RowBuffer rows_;
	std::vector<idx_t> order_;
	bool sorted_ = false;
	idx_t next_output_ = 0;
};

} // namespace sumoql
