#pragma once

#include "engine/types/constants.hpp"
#include "engine/types/selection_vector.hpp"
#include "engine/types/string_heap.hpp"
#include "engine/types/vector.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace sumoql {

//! A batch of up to kVectorSize events, one Vector per field slot of the query's schema.
//! `row_count` rows were filled; `selection` lists the `count` of them still alive, in input
//! order. Operators refine the selection or overwrite vectors, and never move rows.
class DataChunk {
public:
	explicit DataChunk(idx_t column_count = 0);

	void Initialize(idx_t column_count);

	//! Starts a new batch: no rows, every vector all null, the heap emptied.
	void Reset();

	//! Marks rows 0 .. row_count - 1 as filled and all of them alive.
	void SetRowCount(idx_t row_count);

	idx_t column_count() const {
		return columns.size();
	}

	//! Replaces the selection with the first `new_count` entries of `new_selection`.
	void Select(const SelectionVector &new_selection, idx_t new_count);

	//! Marks `row` to leave the selection once the current operator finishes. Functions call it
	//! for inputs that Sumo drops the row on, such as isPrivateIP() of an invalid address.
	void RequestDrop(sel_t row) {
		drop_requested[row] = 1;
		has_drop_requests = true;
	}

	//! Removes the rows marked by RequestDrop from the selection and clears the marks.
	void ApplyDropRequests();

	std::vector<Vector> columns;
	SelectionVector selection;
	idx_t count = 0;
	idx_t row_count = 0;
	//! Owns the bytes of strings that readers and kernels create for this batch.
	StringHeap heap;
	//! Per row: an earlier `nodrop` parser in the current run of consecutive parse stages
	//! matched it. A parser without `nodrop` keeps a row that fails when this is set.
	std::array<std::uint8_t, kVectorSize> parse_matched {};
	//! Per row: RequestDrop was called for it during the current operator.
	std::array<std::uint8_t, kVectorSize> drop_requested {};
	bool has_drop_requests = false;
};

} // namespace sumoql
