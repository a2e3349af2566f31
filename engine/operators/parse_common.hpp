#pragma once

#include "engine/types/data_chunk.hpp"

#include <string_view>
#include <vector>

namespace sumoql {

//! The settings all parse operators share: the input slot, whether they drop, and how a run of
//! consecutive parse stages combines. Sumo documents that `parse A nodrop | parse B` keeps rows
//! that match A or B, so a stage without `nodrop` keeps a failing row that an earlier `nodrop`
//! stage of the same run matched.
struct ParseSettings {
	idx_t input_slot = 0;
	bool nodrop = false;
	//! First parse stage after a non-parse stage: it clears the matched flags of the run.
	bool starts_run = true;
};

//! Reads row `row` of the input slot as text; returns false when it is null.
bool ReadParseInput(DataChunk &chunk, idx_t input_slot, idx_t row, std::string_view &text);

//! Makes `slot` a string column that keeps its current values for the selected rows.
void PrepareStringSlot(DataChunk &chunk, idx_t slot);

//! Applies the keep-or-drop rule to the selected rows, given which of them matched.
void ApplyParseOutcome(DataChunk &chunk, const ParseSettings &settings, const std::vector<std::uint8_t> &matched);

} // namespace sumoql
