#include "engine/aggregates/aggregate_function.hpp"

#include "engine/types/string_heap.hpp"

#include <set>
#include <string>

namespace sumoql {

namespace {

//! Sumo lists at most this many values per group.
constexpr idx_t kMaxValues = 100;

//! Collects distinct values per group in code-point order, which puts digits before upper-case
//! letters before lower-case letters, as Sumo documents. Every distinct value is kept, so the
//! 100 that are output are the first 100 in that order, not the first 100 seen.
class ValuesFunction : public AggregateFunction {
public:
	explicit ValuesFunction(idx_t slot) : slot_(slot) {
	}

	void Resize(idx_t group_count) override {
		values_.resize(group_count);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		const Vector &input = chunk.columns[slot_];
		char buffer[32];
		for (idx_t i = 0; i < chunk.count; i++) {
			auto text = ReadText(input, chunk.selection.Get(i), buffer);
			if (!text) {
				continue;
			}
			auto &group_values = values_[groups[i]];
			if (group_values.find(*text) == group_values.end()) {
				group_values.insert(heap_.AddString(*text));
			}
		}
	}

	Value Finalize(idx_t group, idx_t) override {
		const auto &group_values = values_[group];
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

private:
	idx_t slot_;
	//! Per group, views into `heap_`, in code-point order.
	std::vector<std::set<std::string_view>> values_;
	StringHeap heap_;
};

} // namespace

AggregateFunctionPtr MakeValues(idx_t slot) {
	return std::make_unique<ValuesFunction>(slot);
}

} // namespace sumoql
