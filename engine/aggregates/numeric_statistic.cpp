#include "engine/aggregates/aggregate_function.hpp"

#include <algorithm>
#include <cmath>

namespace sumoql {

namespace {

//! The running state of one group. Values that do not read as numbers are skipped, so a group
//! whose values are all null or text has `count` 0 and a null result.
struct NumericState {
	std::uint64_t count = 0;
	double sum = 0;
	double min = 0;
	double max = 0;
	//! Welford's running mean and sum of squared deviations, which stay accurate where the
	//! textbook sum-of-squares formula cancels.
	double mean = 0;
	double squared_deviations = 0;
};

class NumericStatisticFunction : public AggregateFunction {
public:
	NumericStatisticFunction(NumericStatistic statistic, idx_t slot) : statistic_(statistic), slot_(slot) {
	}

	void Resize(idx_t group_count) override {
		states_.resize(group_count);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		ForEachNumber(chunk, slot_, groups, [this](idx_t group, double number) { Add(states_[group], number); });
	}

	Value Finalize(idx_t group, idx_t) override {
		const NumericState &state = states_[group];
		if (state.count == 0) {
			return Value {};
		}
		Value value;
		value.type = LogicalType::kNumber;
		value.number = Result(state);
		return value;
	}

private:
	static void Add(NumericState &state, double number) {
		if (state.count == 0) {
			state.min = number;
			state.max = number;
		}
		state.count++;
		state.sum += number;
		state.min = std::min(state.min, number);
		state.max = std::max(state.max, number);

		double delta = number - state.mean;
		state.mean += delta / static_cast<double>(state.count);
		state.squared_deviations += delta * (number - state.mean);
	}

	double Result(const NumericState &state) const {
		switch (statistic_) {
		case NumericStatistic::kSum:
			return state.sum;
		case NumericStatistic::kAvg:
			return state.sum / static_cast<double>(state.count);
		case NumericStatistic::kMin:
			return state.min;
		case NumericStatistic::kMax:
			return state.max;
		case NumericStatistic::kStddev:
			// The sample standard deviation, with n - 1 in the denominator. One value gives 0.
			return state.count < 2 ? 0.0 : std::sqrt(state.squared_deviations / static_cast<double>(state.count - 1));
		}
		return 0;
	}

	NumericStatistic statistic_;
	idx_t slot_;
	std::vector<NumericState> states_;
};

} // namespace

AggregateFunctionPtr MakeNumericStatistic(NumericStatistic statistic, idx_t slot) {
	return std::make_unique<NumericStatisticFunction>(statistic, slot);
}

} // namespace sumoql
