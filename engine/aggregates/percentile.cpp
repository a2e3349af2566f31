#include "engine/aggregates/aggregate_function.hpp"

#include <algorithm>
#include <cmath>

namespace sumoql {

namespace {

//! Exact percentiles by nearest rank, which Sumo Logic's support article on pct results gives as
//! its formula: percentile p of n sorted values is the value at rank p / 100 * n, rounded up and
//! counted from 1. The result is always one of the values, so no interpolation adds rounding
//! error. Percentile 0 is the smallest value.
//! NOTE: every numeric value of a group is held until the end. Sumo switches to a t-digest
//! estimate above 1,000 values; sumoql stays exact, so memory grows with the values of `pct`.
class PercentileFunction : public AggregateFunction {
public:
	PercentileFunction(idx_t slot, std::vector<double> percentiles)
	    : slot_(slot), percentiles_(std::move(percentiles)) {
	}

	void Resize(idx_t group_count) override {
		values_.resize(group_count);
		sorted_.resize(group_count, true);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		ForEachNumber(chunk, slot_, groups, [this](idx_t group, double number) {
			values_[group].push_back(number);
			sorted_[group] = false;
		});
	}

	idx_t OutputCount() const override {
		return percentiles_.size();
	}

	Value Finalize(idx_t group, idx_t output) override {
		auto &values = values_[group];
		if (values.empty()) {
			return Value {};
		}
		if (!sorted_[group]) {
			std::sort(values.begin(), values.end());
			sorted_[group] = true;
		}

		// p * n / 100 rather than p / 100 * n, so that 95 * 20 / 100 is exactly rank 19.
		double rank = std::ceil(percentiles_[output] * static_cast<double>(values.size()) / 100.0);
		idx_t index = static_cast<idx_t>(std::clamp(rank, 1.0, static_cast<double>(values.size()))) - 1;

		Value value;
		value.type = LogicalType::kNumber;
		value.number = values[index];
		return value;
	}

private:
	idx_t slot_;
	std::vector<double> percentiles_;
	std::vector<std::vector<double>> values_;
	std::vector<bool> sorted_;
};

} // namespace

AggregateFunctionPtr MakePercentile(idx_t slot, std::vector<double> percentiles) {
	return std::make_unique<PercentileFunction>(slot, std::move(percentiles));
}

} // namespace sumoql
