#include "engine/aggregates/distinct_texts.hpp"

#include <set>
#include <string>

namespace sumoql {

namespace {

//! Sumo lists at most this many values per group.
constexpr idx_t kMaxValues = 100;

//! Lists distinct values per group in code-point order, which puts digits before upper-case
//! letters before lower-case letters, as Sumo documents. Every distinct value is kept, so the
//! 100 that are output are the first 100 in that order, not the first 100 seen.
class ValuesFunction : public DistinctTextsFunction<std::set<std::string_view>> {
public:
	using DistinctTextsFunction::DistinctTextsFunction;

	Value Finalize(idx_t group, idx_t) override {
		const auto &group_values = distinct_[group];
		if (group_values.empty()) {
			return Value {};
		}

		std::string joined;
		idx_t listed = 0;
		for (std::string_view text : group_values) {
			if (listed == kMaxValues) {
				break;
			}
			if (listed > 0) {
				joined += '\n';
			}
			joined += text;
			listed++;
		}

		Value value;
		value.type = LogicalType::kString;
		value.string = heap_.AddString(joined);
		return value;
	}
};

} // namespace

AggregateFunctionPtr MakeValues(idx_t slot) {
	return std::make_unique<ValuesFunction>(slot);
}

} // namespace sumoql
