#include "engine/types/data_chunk.hpp"

namespace sumoql {

DataChunk::DataChunk(idx_t column_count) {
	Initialize(column_count);
}

void DataChunk::Initialize(idx_t column_count) {
	columns.resize(column_count);
	Reset();
}

void DataChunk::Reset() {
	for (auto &column : columns) {
		column.SetAllNull();
	}
	count = 0;
	row_count = 0;
	heap.Reset();
	parse_matched.fill(0);
	drop_requested.fill(0);
	has_drop_requests = false;
}

void DataChunk::SetRowCount(idx_t new_row_count) {
	row_count = new_row_count;
	count = new_row_count;
	selection.SetIdentity(new_row_count);
}

void DataChunk::Select(const SelectionVector &new_selection, idx_t new_count) {
	for (idx_t i = 0; i < new_count; i++) {
		selection.Set(i, new_selection.Get(i));
	}
	count = new_count;
}

void DataChunk::ApplyDropRequests() {
	if (!has_drop_requests) {
		return;
	}
	idx_t kept = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (!drop_requested[row]) {
			selection.Set(kept++, row);
		}
		drop_requested[row] = 0;
	}
	count = kept;
	has_drop_requests = false;
}

} // namespace sumoql
