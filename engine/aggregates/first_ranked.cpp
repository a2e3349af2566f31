#include "engine/aggregates/aggregate_function.hpp"
#include "engine/operators/sort.hpp"

#include <string>

namespace sumoql {

namespace {

struct RankedState {
	bool has_row = false;
	//! One value per ranking key. A string value's view is set from `texts` when it is read,
	//! because growing the state table moves the strings.
	std::vector<Value> values;
	std::vector<std::string> texts;
};

//! Keeps, per group, the ranking key values of the row that ranks first under the keys: each key
//! compares as `sort` compares it, in its own direction, with nulls last. A tie keeps the row
//! seen first.
class FirstRankedFunction : public AggregateFunction {
public:
	explicit FirstRankedFunction(std::vector<SortKeySlot> keys) : keys_(std::move(keys)) {
	}

	void Resize(idx_t group_count) override {
		states_.resize(group_count);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		for (idx_t i = 0; i < chunk.count; i++) {
			sel_t row = chunk.selection.Get(i);
			RankedState &state = states_[groups[i]];
			if (state.has_row && !RowRanksBefore(chunk, row, state)) {
				continue;
			}
			Store(chunk, row, state);
		}
	}

	idx_t OutputCount() const override {
		return keys_.size();
	}

	Value Finalize(idx_t group, idx_t output) override {
		return StoredValue(states_[group], output);
	}

private:
	static Value StoredValue(const RankedState &state, idx_t key) {
		if (!state.has_row) {
			return Value {};
		}
		Value value = state.values[key];
		if (value.type == LogicalType::kString) {
			value.string = state.texts[key];
		}
		return value;
	}

	bool RowRanksBefore(const DataChunk &chunk, sel_t row, const RankedState &state) const {
		for (idx_t key = 0; key < keys_.size(); key++) {
			Value candidate = Value::FromVector(chunk.columns[keys_[key].slot], row);
			int order = CompareSortKeyValues(candidate, StoredValue(state, key), keys_[key].descending);
			if (order != 0) {
				return order < 0;
			}
		}
		return false;
	}

	void Store(const DataChunk &chunk, sel_t row, RankedState &state) const {
		state.has_row = true;
		state.values.resize(keys_.size());
		state.texts.resize(keys_.size());
		for (idx_t key = 0; key < keys_.size(); key++) {
			Value value = Value::FromVector(chunk.columns[keys_[key].slot], row);
			if (value.type == LogicalType::kString) {
				state.texts[key].assign(value.string);
				value.string = {};
			}
			state.values[key] = value;
		}
	}

	std::vector<SortKeySlot> keys_;
	std::vector<RankedState> states_;
};

} // namespace

AggregateFunctionPtr MakeFirstRanked(std::vector<SortKeySlot> keys) {
	return std::make_unique<FirstRankedFunction>(std::move(keys));
}

} // namespace sumoql
