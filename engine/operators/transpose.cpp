#include "engine/operators/transpose.hpp"

#include "engine/execution/query_plan.hpp"
#include "engine/types/value_text.hpp"
#include "grammar/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <set>

namespace sumoql {

std::string TransposeOperator::ColumnName(DataChunk &chunk, sel_t row) const {
	// Several column fields make one name of their values joined by '_'.
	std::string name;
	for (idx_t i = 0; i < settings_.column_slots.size(); i++) {
		const Vector &vector = chunk.columns[settings_.column_slots[i]];
		bool valid = vector.type() != LogicalType::kNull && vector.validity().RowIsValid(row);
		name += i == 0 ? "" : "_";
		name += valid ? std::string(ValueAsText(vector, row, chunk)) : "null";
	}
	return name;
}

void TransposeOperator::Sink(DataChunk &chunk) {
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		BuildGroupKey(chunk, row, settings_.row_slots, key_);
		auto found = output_rows_.find(std::string_view(key_));
		if (found == output_rows_.end()) {
			idx_t output_row = output_.AddNullRow();
			for (idx_t slot : settings_.row_slots) {
				output_.Set(slot, output_row, Value::FromVector(chunk.columns[slot], row));
			}
			found = output_rows_.emplace(key_, output_row).first;
		}

		Cell cell {ColumnName(chunk, row), found->second, Value {}};
		cell.value = Value::FromVector(chunk.columns[settings_.value_slot], row);
		if (cell.value.type == LogicalType::kString) {
			// The chunk's strings end with the chunk, so the cell keeps a copy in a held row.
			idx_t held = values_.AddNullRow();
			values_.Set(0, held, cell.value);
			cell.value = values_.Get(0, held);
		}
		cells_.push_back(std::move(cell));
	}
}

void TransposeOperator::BuildOutput() {
	// Fields are created in alphabetical order, as Sumo Logic returns them.
	std::set<std::string> names;
	for (const auto &cell : cells_) {
		names.insert(cell.column);
	}
	if (names.size() > settings_.max_columns) {
		throw QueryError({Diagnostic {
		    Severity::kError, settings_.span,
		    fmt::format("transpose would create {} fields, more than the {} that Sumo Logic allows", names.size(),
		                settings_.max_columns),
		    "filter the rows before transpose so that the column field has fewer distinct values"}});
	}

	std::vector<idx_t> shown;
	for (const auto &name : names) {
		idx_t slot = schema_.AddField(name);
		if (std::count(settings_.row_slots.begin(), settings_.row_slots.end(), slot) > 0) {
			throw QueryError({Diagnostic {Severity::kError, settings_.span,
			                              fmt::format("transpose column value '{}' is also a row field", name),
			                              "rename the row field with 'as' before transpose"}});
		}
		if (std::find(layout_.columns.begin(), layout_.columns.end(), slot) == layout_.columns.end()) {
			shown.push_back(slot);
		}
	}
	if (layout_.dynamic_columns_at) {
		layout_.columns.insert(layout_.columns.begin() + static_cast<std::ptrdiff_t>(*layout_.dynamic_columns_at),
		                       shown.begin(), shown.end());
	}

	// The first input row with a given pair of keys fills the cell.
	std::set<std::pair<idx_t, idx_t>> filled;
	for (const auto &cell : cells_) {
		idx_t slot = *schema_.Find(cell.column);
		if (filled.insert({cell.row, slot}).second) {
			output_.Set(slot, cell.row, cell.value);
		}
	}

	order_.resize(output_.row_count());
	std::iota(order_.begin(), order_.end(), idx_t {0});
	built_ = true;
}

bool TransposeOperator::GetData(DataChunk &chunk) {
	if (!built_) {
		BuildOutput();
	}
	return output_.WriteNextRows(order_, next_output_, chunk);
}

} // namespace sumoql
