#include "engine/operators/fillmissing.hpp"

#include "engine/aggregates/aggregate_function.hpp"
#include "engine/operators/timeslice.hpp"
#include "engine/types/number_text.hpp"
#include "grammar/diagnostic.hpp"

#include <fmt/format.h>

#include <cmath>

namespace sumoql {

FillmissingOperator::FillmissingOperator(FillmissingSettings settings)
    : settings_(std::move(settings)), seen_values_(settings_.generators.size()),
      seen_keys_(settings_.generators.size()), first_slice_(settings_.generators.size()),
      last_slice_(settings_.generators.size()), seen_types_(settings_.defaults.size(), LogicalType::kNull) {
	// A string constant's view is set here, once the settings no longer move.
	for (auto &fill : settings_.defaults) {
		if (fill.constant && fill.constant->type == LogicalType::kString) {
			fill.constant->string = fill.constant_text;
		}
	}
}

void FillmissingOperator::Execute(DataChunk &chunk) {
	idx_t first_held = input_rows_.row_count();
	if (settings_.take_last_from) {
		input_rows_.Append(chunk);
	}
	for (idx_t i = 0; i < chunk.count; i++) {
		std::optional<idx_t> held_row;
		if (settings_.take_last_from) {
			held_row = first_held + i;
		}
		ObserveRow(chunk, chunk.selection.Get(i), held_row);
	}
}

void FillmissingOperator::ObserveRow(const DataChunk &chunk, sel_t row, std::optional<idx_t> held_row) {
	std::vector<Value> combination;
	for (idx_t g = 0; g < settings_.generators.size(); g++) {
		const FillGeneratorSettings &generator = settings_.generators[g];
		Value value = Value::FromVector(chunk.columns[generator.slot], row);
		combination.push_back(value);

		double slice = 0;
		if (generator.kind == FillGeneratorKind::kTimeslice &&
		    ReadNumber(chunk.columns[generator.slot], row, slice)) {
			first_slice_[g] = first_slice_[g] ? std::min(*first_slice_[g], slice) : slice;
			last_slice_[g] = last_slice_[g] ? std::max(*last_slice_[g], slice) : slice;
		}
		if (generator.kind == FillGeneratorKind::kAllValues && !value.is_null()) {
			EncodeKey({value});
			if (seen_keys_[g].emplace(key_, true).second) {
				if (value.type == LogicalType::kString) {
					value.string = heap_.AddString(value.string);
				}
				seen_values_[g].push_back(value);
			}
		}
	}
	EncodeKey(combination);
	rows_by_key_.emplace(key_, KeyRow {false, held_row});

	for (idx_t d = 0; d < settings_.defaults.size(); d++) {
		const Vector &vector = chunk.columns[settings_.defaults[d].slot];
		if (seen_types_[d] == LogicalType::kNull && vector.validity().RowIsValid(row)) {
			seen_types_[d] = vector.type();
		}
	}
}

// Key values compare by their text, so the generated "200" and a number 200 are one value.
void FillmissingOperator::EncodeKey(const std::vector<Value> &combination) {
	key_.clear();
	char buffer[32];
	for (const Value &value : combination) {
		Value text;
		if (!value.is_null()) {
			text.type = LogicalType::kString;
			switch (value.type) {
			case LogicalType::kNumber:
				text.string = std::string_view(buffer, FormatNumberTo(value.number, buffer));
				break;
			case LogicalType::kBoolean:
				text.string = value.boolean ? "true" : "false";
				break;
			default:
				text.string = value.string;
				break;
			}
		}
		AppendKeyValue(text, key_);
	}
}

//! Returns the first and last slice start that a timeslice generator enumerates: those of the
//! query time range when it is set, else those of the rows. Nothing when neither is known.
std::optional<std::pair<double, double>> FillmissingOperator::SliceRange(idx_t generator) const {
	double width = settings_.generators[generator].width_ms;
	std::optional<double> first = first_slice_[generator];
	std::optional<double> last = last_slice_[generator];
	if (settings_.from_ms) {
		first = static_cast<double>(*settings_.from_ms);
	}
	if (settings_.to_ms) {
		// The range ends before `to`, so its last slice is the one holding to - 1 ms.
		last = static_cast<double>(*settings_.to_ms) - 1;
	}
	if (!first || !last || *last < *first) {
		return std::nullopt;
	}
	return std::make_pair(SliceStart(*first, width), SliceStart(*last, width));
}

double FillmissingOperator::CountValues(idx_t generator) const {
	const FillGeneratorSettings &settings = settings_.generators[generator];
	switch (settings.kind) {
	case FillGeneratorKind::kValues:
		return static_cast<double>(settings.values.size());
	case FillGeneratorKind::kAllValues:
		return static_cast<double>(seen_values_[generator].size());
	case FillGeneratorKind::kTimeslice: {
		auto range = SliceRange(generator);
		return range ? std::floor((range->second - range->first) / settings.width_ms) + 1 : 0;
	}
	}
	return 0;
}

std::vector<Value> FillmissingOperator::GeneratedValues(idx_t generator) const {
	const FillGeneratorSettings &settings = settings_.generators[generator];
	std::vector<Value> values;
	switch (settings.kind) {
	case FillGeneratorKind::kValues:
		for (const auto &text : settings.values) {
			Value value;
			value.type = LogicalType::kString;
			value.string = text;
			values.push_back(value);
		}
		break;
	case FillGeneratorKind::kAllValues:
		values = seen_values_[generator];
		break;
	case FillGeneratorKind::kTimeslice: {
		auto range = SliceRange(generator);
		if (!range) {
			break;
		}
		for (double start = range->first; start <= range->second; start += settings.width_ms) {
			Value value;
			value.type = LogicalType::kNumber;
			value.number = start;
			values.push_back(value);
		}
		break;
	}
	}
	return values;
}

void FillmissingOperator::CheckCombinationCount() const {
	double combinations = 1;
	for (idx_t g = 0; g < settings_.generators.size(); g++) {
		combinations *= CountValues(g);
	}
	if (combinations <= static_cast<double>(settings_.max_combinations)) {
		return;
	}
	throw QueryError({Diagnostic {
	    Severity::kError, settings_.span,
	    fmt::format("fillmissing would enumerate {} combinations of key values, more than the {} that Sumo Logic "
	                "allows",
	                FormatNumber(combinations), settings_.max_combinations),
	    "use a wider time slice, a shorter time range (--from, --to) or fewer values"}});
}

void FillmissingOperator::AddMissingRows() {
	CheckCombinationCount();
	std::vector<std::vector<Value>> key_values;
	for (idx_t g = 0; g < settings_.generators.size(); g++) {
		key_values.push_back(GeneratedValues(g));
		if (key_values.back().empty()) {
			return;
		}
	}

	// Counts through the combinations like an odometer whose last wheel turns fastest.
	std::vector<idx_t> positions(key_values.size(), 0);
	std::vector<Value> combination(key_values.size());
	while (true) {
		for (idx_t g = 0; g < key_values.size(); g++) {
			combination[g] = key_values[g][positions[g]];
		}
		EncodeKey(combination);
		if (rows_by_key_.find(std::string_view(key_)) == rows_by_key_.end()) {
			idx_t row = added_rows_.AddNullRow();
			rows_by_key_.emplace(key_, KeyRow {true, row});
			for (idx_t g = 0; g < key_values.size(); g++) {
				added_rows_.Set(settings_.generators[g].slot, row, combination[g]);
			}
			FillNonKeyFields(combination, row);
			order_.push_back(row);
		}

		idx_t wheel = key_values.size();
		while (wheel > 0 && ++positions[wheel - 1] == key_values[wheel - 1].size()) {
			positions[wheel - 1] = 0;
			wheel--;
		}
		if (wheel == 0) {
			return;
		}
	}
}

void FillmissingOperator::FillNonKeyFields(std::vector<Value> combination, idx_t row) {
	if (settings_.take_last_from) {
		// takeLast copies the row of the previous slice, which is an input row or a row added
		// before this one, because combinations are enumerated in slice order.
		idx_t slice = *settings_.take_last_from;
		combination[slice].number -= settings_.generators[slice].width_ms;
		EncodeKey(combination);
		auto previous = rows_by_key_.find(std::string_view(key_));
		if (previous != rows_by_key_.end() && previous->second.row) {
			const RowBuffer &source = previous->second.added ? added_rows_ : input_rows_;
			for (const FillDefault &fill : settings_.defaults) {
				// A copy, because Set may grow the buffer that the reference points into.
				Value value = source.Get(fill.slot, *previous->second.row);
				added_rows_.Set(fill.slot, row, value);
			}
			return;
		}
	}

	for (idx_t d = 0; d < settings_.defaults.size(); d++) {
		const FillDefault &fill = settings_.defaults[d];
		Value value;
		if (fill.constant) {
			value = *fill.constant;
		} else if (fill.numeric || seen_types_[d] == LogicalType::kNumber) {
			value.type = LogicalType::kNumber;
		} else if (seen_types_[d] == LogicalType::kBoolean) {
			value.type = LogicalType::kBoolean;
		}
		added_rows_.Set(fill.slot, row, value);
	}
}

bool FillmissingOperator::GetData(DataChunk &chunk) {
	if (!added_) {
		AddMissingRows();
		added_ = true;
	}
	return added_rows_.WriteNextRows(order_, next_output_, chunk);
}

} // namespace sumoql
