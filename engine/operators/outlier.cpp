#include "engine/operators/outlier.hpp"

#include "engine/operators/read_number.hpp"

#include <cmath>

namespace sumoql {

namespace {

enum OutlierOutput : idx_t { kError, kLower, kUpper, kDeviation, kIndicator, kViolation };

} // namespace

OutlierOperator::Series &OutlierOperator::SeriesOf(const DataChunk &chunk, sel_t row) {
	BuildGroupKey(chunk, row, settings_.key_slots, key_);
	auto found = series_.find(std::string_view(key_));
	if (found == series_.end()) {
		found = series_.emplace(key_, Series {}).first;
	}
	return found->second;
}

bool OutlierOperator::IsIndicator(double value, double lower, double upper) const {
	switch (settings_.direction) {
	case OutlierDirectionKind::kAbove:
		return value > upper;
	case OutlierDirectionKind::kBelow:
		return value < lower;
	case OutlierDirectionKind::kBoth:
		return value > upper || value < lower;
	}
	return false;
}

void OutlierOperator::SetNumber(idx_t output, sel_t row, double number) {
	results_[output].numbers()[row] = number;
	results_[output].validity().SetValid(row);
}

void OutlierOperator::SetNull(idx_t output, sel_t row) {
	results_[output].validity().SetInvalid(row);
}

void OutlierOperator::Execute(DataChunk &chunk) {
	for (auto &result : results_) {
		result.SetType(LogicalType::kNumber);
	}
	const Vector &input = chunk.columns[settings_.input_slot];

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		Series &series = SeriesOf(chunk, row);
		double value = 0;
		const bool is_number = ReadNumber(input, row, value);

		// The bounds come from the numbers before this row, so a spike does not widen its own.
		bool indicator = false;
		const std::size_t count = series.window.size();
		if (is_number && count > 0) {
			double sum = 0;
			for (double earlier : series.window) {
				sum += earlier;
			}
			const double mean = sum / static_cast<double>(count);
			double squares = 0;
			for (double earlier : series.window) {
				squares += (earlier - mean) * (earlier - mean);
			}
			const double deviation = count > 1 ? std::sqrt(squares / static_cast<double>(count - 1)) : 0.0;
			const double lower = mean - settings_.threshold * deviation;
			const double upper = mean + settings_.threshold * deviation;
			indicator = IsIndicator(value, lower, upper);
			SetNumber(kError, row, value - mean);
			SetNumber(kLower, row, lower);
			SetNumber(kUpper, row, upper);
			SetNumber(kDeviation, row, deviation);
		} else {
			for (idx_t output : {kError, kLower, kUpper, kDeviation}) {
				SetNull(output, row);
			}
		}

		series.indicator_run = indicator ? series.indicator_run + 1 : 0;
		SetNumber(kIndicator, row, indicator ? 1.0 : 0.0);
		SetNumber(kViolation, row, series.indicator_run >= settings_.consecutive ? 1.0 : 0.0);

		if (is_number) {
			series.window.push_back(value);
			if (series.window.size() > settings_.window) {
				series.window.pop_front();
			}
		}
	}

	for (idx_t output = 0; output < results_.size(); output++) {
		chunk.columns[settings_.output_slots[output]].Swap(results_[output]);
	}
}

} // namespace sumoql
