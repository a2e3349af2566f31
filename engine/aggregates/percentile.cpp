#include "engine/aggregates/aggregate_function.hpp"

#include <algorithm>
#include <cmath>

namespace sumoql {

namespace {

//! Exact percentiles with linear interpolation between the two nearest ranks: percentile p of n
//! sorted values sits at rank p / 100 * (n - 1), counted from 0.
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

		double rank = percentiles_[output] / 100.0 * static_cast<double>(values.size() - 1);
		auto lower = static_cast<idx_t>(std::floor(rank));
		idx_t upper = std::min<idx_t>(lower + 1, values.size() - 1);
		double fraction = rank - static_cast<double>(lower);

		Value value;
		value.type = LogicalType::kNumber;
		value.number = values[lower] + (values[upper] - values[lower]) * fraction;
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
