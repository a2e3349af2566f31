#include "engine/operators/parse_common.hpp"

#include "engine/types/value_text.hpp"

namespace sumoql {

bool ReadParseInput(DataChunk &chunk, idx_t input_slot, idx_t row, std::string_view &text) {
	const Vector &input = chunk.columns[input_slot];
	if (input.type() == LogicalType::kNull || !input.validity().RowIsValid(row)) {
		return false;
	}
	text = ValueAsText(input, row, chunk);
	return true;
}

void PrepareStringSlot(DataChunk &chunk, idx_t slot) {
	Vector &column = chunk.columns[slot];
	if (column.type() == LogicalType::kString) {
		return;
	}
	if (column.type() == LogicalType::kNull) {
		column.SetType(LogicalType::kString);
		column.validity().SetAllInvalid();
		return;
	}

	// A number or boolean field that a parse may overwrite becomes text, keeping its values.
	Vector text_column;
	text_column.SetType(LogicalType::kString);
	text_column.validity().SetAllInvalid();
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		if (column.validity().RowIsValid(row)) {
			text_column.strings()[row] = ValueAsText(column, row, chunk);
			text_column.validity().SetValid(row);
		}
	}
	column.Swap(text_column);
}

void ApplyParseOutcome(DataChunk &chunk, const ParseSettings &settings, const std::vector<std::uint8_t> &matched) {
	SelectionVector kept;
	idx_t kept_count = 0;
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		if (settings.starts_run) {
			chunk.parse_matched[row] = 0;
		}
		bool keep = matched[i] || settings.nodrop || chunk.parse_matched[row];
		if (settings.nodrop && matched[i]) {
			chunk.parse_matched[row] = 1;
		}
		if (keep) {
			kept.Set(kept_count++, row);
		}
	}
	if (kept_count != chunk.count) {
		chunk.Select(kept, kept_count);
	}
}

} // namespace sumoql
