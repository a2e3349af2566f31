#include "engine/aggregates/aggregate_function.hpp"

#include <string>

namespace sumoql {

namespace {

struct PickedState {
	bool has_value = false;
	//! A string value's view is set from `text` in Finalize, because growing the state table
	//! moves the strings.
	Value value;
	std::string text;
	double time = 0;
};

//! Keeps one value per group: the first or last non-null value in pipeline order, or the value
//! of the row with the latest or earliest `_messageTime`. A row without a time never replaces a
//! value for `most_recent` and `least_recent`, and a tie on time keeps the earlier row.
class PickValueFunction : public AggregateFunction {
public:
	PickValueFunction(PickedValue pick, idx_t slot, idx_t time_slot)
	    : pick_(pick), slot_(slot), time_slot_(time_slot) {
	}

	void Resize(idx_t group_count) override {
		states_.resize(group_count);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		const Vector &input = chunk.columns[slot_];
		const Vector &time = chunk.columns[time_slot_];
		for (idx_t i = 0; i < chunk.count; i++) {
			sel_t row = chunk.selection.Get(i);
			if (!input.validity().RowIsValid(row) || input.type() == LogicalType::kNull) {
				continue;
			}
			PickedState &state = states_[groups[i]];
			double row_time = 0;
			bool has_time = ReadNumber(time, row, row_time);
			if (!Replaces(state, has_time, row_time)) {
				continue;
			}

			state.has_value = true;
			state.time = row_time;
			state.value = Value::FromVector(input, row);
			if (state.value.type == LogicalType::kString) {
				state.text.assign(state.value.string);
				state.value.string = {};
			}
		}
	}

	Value Finalize(idx_t group, idx_t) override {
		PickedState &state = states_[group];
		if (state.value.type == LogicalType::kString) {
			state.value.string = state.text;
		}
		return state.value;
	}

private:
	bool Replaces(const PickedState &state, bool has_time, double row_time) const {
		switch (pick_) {
		case PickedValue::kFirst:
			return !state.has_value;
		case PickedValue::kLast:
			return true;
		case PickedValue::kMostRecent:
			return has_time && (!state.has_value || row_time > state.time);
		case PickedValue::kLeastRecent:
			return has_time && (!state.has_value || row_time < state.time);
		}
		return false;
	}

	PickedValue pick_;
	idx_t slot_;
	idx_t time_slot_;
	std::vector<PickedState> states_;
};

} // namespace

AggregateFunctionPtr MakePickValue(PickedValue pick, idx_t slot, idx_t time_slot) {
	return std::make_unique<PickValueFunction>(pick, slot, time_slot);
}

} // namespace sumoql
