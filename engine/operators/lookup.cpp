#include "engine/operators/lookup.hpp"

#include "engine/types/ascii.hpp"
#include "engine/types/value_text.hpp"

namespace sumoql {

namespace {

//! Appends one key part: the value's text with ASCII letters folded to lower case, or a null
//! marker for a missing value.
void AppendFoldedPart(std::optional<std::string_view> text, std::string &key) {
	Value part;
	if (text) {
		part.type = LogicalType::kString;
		part.string = *text;
	}
	AppendKeyValue(part, key);
	if (text) {
		for (std::size_t i = key.size() - text->size(); i < key.size(); i++) {
			key[i] = LowerAscii(key[i]);
		}
	}
}

} // namespace

LookupOperator::LookupOperator(LookupSettings settings) : settings_(std::move(settings)) {
	const LookupTable &table = *settings_.table;
	for (idx_t row = 0; row < table.row_count(); row++) {
		key_.clear();
		bool has_null = false;
		for (idx_t column : settings_.key_columns) {
			auto cell = table.Cell(row, column);
			has_null = has_null || !cell;
			AppendFoldedPart(cell, key_);
		}
		// A null never equals anything, so a row with an empty key cell can never match.
		if (!has_null) {
			rows_by_key_.try_emplace(key_, row);
		}
	}
}

std::int64_t LookupOperator::FindRow(std::string_view key) const {
	auto found = rows_by_key_.find(key);
	return found == rows_by_key_.end() ? -1 : static_cast<std::int64_t>(found->second);
}

void LookupOperator::Execute(DataChunk &chunk) {
	// Every match is found before any output slot is written, because an output field may also
	// be a key field (`lookup id from ... on id=id`).
	matches_.assign(chunk.count, -1);
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		key_.clear();
		bool has_null = false;
		for (idx_t slot : settings_.key_slots) {
			const Vector &vector = chunk.columns[slot];
			bool valid = vector.type() != LogicalType::kNull && vector.validity().RowIsValid(row);
			has_null = has_null || !valid;
			AppendFoldedPart(valid ? std::optional(ValueAsText(vector, row, chunk)) : std::nullopt, key_);
		}
		if (!has_null) {
			matches_[i] = FindRow(key_);
		}
	}

	const LookupTable &table = *settings_.table;
	for (idx_t output = 0; output < settings_.output_slots.size(); output++) {
		Vector &vector = chunk.columns[settings_.output_slots[output]];
		vector.SetType(LogicalType::kString);
		for (idx_t i = 0; i < chunk.count; i++) {
			sel_t row = chunk.selection.Get(i);
			auto cell = matches_[i] < 0 ? std::nullopt
			                            : table.Cell(static_cast<idx_t>(matches_[i]), settings_.output_columns[output]);
			vector.validity().Set(row, cell.has_value());
			if (cell) {
				vector.strings()[row] = *cell;
			}
		}
	}
}

} // namespace sumoql
