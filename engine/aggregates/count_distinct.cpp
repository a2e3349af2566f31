#include "engine/aggregates/distinct_texts.hpp"

#include <unordered_set>

namespace sumoql {

namespace {

//! Counts distinct values exactly. Sumo switches to an estimate above 100 distinct values, and an
//! exact count is within the documented error of that estimate.
class CountDistinctFunction : public DistinctTextsFunction<std::unordered_set<std::string_view>> {
public:
	using DistinctTextsFunction::DistinctTextsFunction;

	Value Finalize(idx_t group, idx_t) override {
		Value value;
		value.type = LogicalType::kNumber;
		value.number = static_cast<double>(distinct_[group].size());
		return value;
	}
};

} // namespace

AggregateFunctionPtr MakeCountDistinct(idx_t slot) {
	return std::make_unique<CountDistinctFunction>(slot);
}

} // namespace sumoql
