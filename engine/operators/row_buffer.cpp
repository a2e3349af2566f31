#include "engine/operators/row_buffer.hpp"

#include "engine/types/value_column.hpp"

#include <algorithm>

namespace sumoql {

void RowBuffer::EnsureSlots(idx_t slot_count) {
	if (columns_.size() < slot_count) {
		columns_.resize(slot_count, std::vector<Value>(row_count_));
	}
}

void RowBuffer::Append(const DataChunk &chunk) {
	EnsureSlots(chunk.column_count());
	for (idx_t slot = 0; slot < columns_.size(); slot++) {
		auto &held = columns_[slot];
		if (slot >= chunk.column_count()) {
			held.resize(row_count_ + chunk.count);
			continue;
		}
		const Vector &vector = chunk.columns[slot];
		for (idx_t i = 0; i < chunk.count; i++) {
			Value value = Value::FromVector(vector, chunk.selection.Get(i));
			if (value.type == LogicalType::kString) {
				value.string = heap_.AddString(value.string);
			}
			held.push_back(value);
		}
	}
	row_count_ += chunk.count;
}

const Value &RowBuffer::Get(idx_t slot, idx_t row) const {
	return slot < columns_.size() ? columns_[slot][row] : null_;
}

void RowBuffer::Set(idx_t slot, idx_t row, Value value) {
	EnsureSlots(slot + 1);
	if (value.type == LogicalType::kString) {
		value.string = heap_.AddString(value.string);
	}
	columns_[slot][row] = value;
}

idx_t RowBuffer::AddNullRow() {
	for (auto &held : columns_) {
		held.emplace_back();
	}
	return row_count_++;
}

void RowBuffer::WriteRows(const std::vector<idx_t> &order, idx_t begin, idx_t end, DataChunk &chunk) const {
	if (chunk.columns.size() < columns_.size()) {
		chunk.columns.resize(columns_.size());
	}
	std::vector<Value> batch(end - begin);
	for (idx_t slot = 0; slot < columns_.size(); slot++) {
		const auto &held = columns_[slot];
		for (idx_t i = begin; i < end; i++) {
			batch[i - begin] = held[order[i]];
		}
		WriteValueColumn(batch, chunk.columns[slot], chunk.heap);
	}
	chunk.SetRowCount(end - begin);
}

bool RowBuffer::WriteNextRows(const std::vector<idx_t> &order, idx_t &next, DataChunk &chunk) const {
	if (next >= order.size()) {
		return false;
	}
	idx_t end = std::min(order.size(), next + kVectorSize);
	WriteRows(order, next, end, chunk);
	next = end;
	return true;
}

} // namespace sumoql
