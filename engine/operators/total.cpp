#include "engine/operators/total.hpp"

#include "engine/types/number_text.hpp"
#include "grammar/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace sumoql {

void TotalOperator::Sink(DataChunk &chunk) {
	if (rows_.row_count() + chunk.count > settings_.max_rows) {
		throw QueryError({Diagnostic {
		    Severity::kError, settings_.span,
		    fmt::format("total received more than {} rows, the most Sumo Logic totals", settings_.max_rows),
		    "narrow the search, or aggregate first (sum(f) by ...) and total the aggregate rows"}});
	}

	const Vector &input = chunk.columns[settings_.input_slot];
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		BuildGroupKey(chunk, row, settings_.key_slots, key_);
		auto found = group_indexes_.find(std::string_view(key_));
		if (found == group_indexes_.end()) {
			found = group_indexes_.emplace(key_, static_cast<std::uint32_t>(groups_.size())).first;
			groups_.emplace_back();
		}
		row_groups_.push_back(found->second);

		Value value = Value::FromVector(input, row);
		double number = value.number;
		bool is_number = value.type == LogicalType::kNumber ||
		                 (value.type == LogicalType::kString && ParseNumber(value.string, number));
		if (is_number) {
			Group &group = groups_[found->second];
			group.sum += number;
			group.has_number = true;
		}
	}
	rows_.Append(chunk);
}

void TotalOperator::WriteTotals() {
	for (idx_t row = 0; row < rows_.row_count(); row++) {
		const Group &group = groups_[row_groups_[row]];
		Value total;
		if (group.has_number) {
			total.type = LogicalType::kNumber;
			total.number = group.sum;
		}
		rows_.Set(settings_.output_slot, row, total);
	}
	order_.resize(rows_.row_count());
	std::iota(order_.begin(), order_.end(), idx_t {0});
}

bool TotalOperator::GetData(DataChunk &chunk) {
	if (order_.size() != rows_.row_count()) {
		WriteTotals();
	}
	return rows_.WriteNextRows(order_, next_output_, chunk);
}

} // namespace sumoql
