#include "engine/aggregates/aggregate_function.hpp"

#include "engine/types/string_heap.hpp"

#include <unordered_set>

namespace sumoql {

namespace {

//! Counts distinct values exactly. Sumo switches to an estimate above 100 distinct values; an
//! exact count is within the documented error of that estimate. A value is compared as the text
//! a result row would print, so the number 3 and the text "3" are one value.
class CountDistinctFunction : public AggregateFunction {
public:
	explicit CountDistinctFunction(idx_t slot) : slot_(slot) {
	}

	void Resize(idx_t group_count) override {
		distinct_.resize(group_count);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		const Vector &input = chunk.columns[slot_];
		char buffer[32];
		for (idx_t i = 0; i < chunk.count; i++) {
			auto text = ReadText(input, chunk.selection.Get(i), buffer);
			if (!text) {
				continue;
			}
			auto &seen = distinct_[groups[i]];
			if (seen.find(*text) == seen.end()) {
				seen.insert(heap_.AddString(*text));
			}
		}
	}

	Value Finalize(idx_t group, idx_t) override {
		Value value;
		value.type = LogicalType::kNumber;
		value.number = static_cast<double>(distinct_[group].size());
		return value;
	}

private:
	idx_t slot_;
	//! Per group, views into `heap_`.
	std::vector<std::unordered_set<std::string_view>> distinct_;
	StringHeap heap_;
};

} // namespace

AggregateFunctionPtr MakeCountDistinct(idx_t slot) {
	return std::make_unique<CountDistinctFunction>(slot);
}

} // namespace sumoql
