#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/string_heap.hpp"
#include "engine/types/value.hpp"

#include <vector>

namespace sumoql {

//! Rows that a pipeline breaker keeps until its input ends: one Value per field slot. String
//! bytes are copied into the buffer's own heap, so they outlive the chunks they came from.
class RowBuffer {
public:
	//! Copies the selected rows of `chunk`, every slot of them.
	void Append(const DataChunk &chunk);

	idx_t row_count() const {
		return row_count_;
	}

	//! Returns the value of `slot` in held row `row`; null for a slot no chunk had.
	const Value &Get(idx_t slot, idx_t row) const;

	//! Replaces the value of `slot` in held row `row`, copying its string bytes.
	void Set(idx_t slot, idx_t row, Value value);

	//! Adds a row whose slots are all null and returns its index.
	idx_t AddNullRow();

	//! Writes held rows `order[begin]` .. `order[end - 1]` into `chunk` as its rows 0, 1, ...
	//! A slot whose values have different types is written as text.
	void WriteRows(const std::vector<idx_t> &order, idx_t begin, idx_t end, DataChunk &chunk) const;

	//! Writes the next kVectorSize rows of `order` from position `next` into `chunk` and advances
	//! `next`. Returns false, writing nothing, once `next` reached the end of `order`.
	bool WriteNextRows(const std::vector<idx_t> &order, idx_t &next, DataChunk &chunk) const;

private:
	void EnsureSlots(idx_t slot_count);

	std::vector<std::vector<Value>> columns_;
	StringHeap heap_;
	idx_t row_count_ = 0;
	Value null_;
};

} // namespace sumoql
