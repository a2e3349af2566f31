#include "engine/operators/accum.hpp"

#include "engine/operators/read_number.hpp"

namespace sumoql {

double &AccumOperator::GroupState(const DataChunk &chunk, sel_t row, bool &is_first) {
	BuildGroupKey(chunk, row, settings_.key_slots, key_);
	auto found = groups_.find(std::string_view(key_));
	is_first = found == groups_.end();
	if (is_first) {
		found = groups_.emplace(key_, 0.0).first;
	}
	return found->second;
}

void AccumOperator::Execute(DataChunk &chunk) {
	result_.SetType(LogicalType::kNumber);
	const Vector &input = chunk.columns[settings_.input_slot];

	idx_t kept_count = 0;
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		double number = 0;
		if (!ReadNumber(input, row, number)) {
			continue;
		}

		bool is_first = false;
		double &state = GroupState(chunk, row, is_first);
		if (settings_.kind == AccumKind::kRunningSum) {
			state += number;
			result_.numbers()[row] = state;
			result_.validity().SetValid(row);
		} else {
			result_.numbers()[row] = number - state;
			result_.validity().Set(row, !is_first);
			state = number;
		}
		kept_.Set(kept_count++, row);
	}

	// The input is read in full before the output slot changes, because they may be one slot.
	chunk.columns[settings_.output_slot].Swap(result_);
	chunk.Select(kept_, kept_count);
}

} // namespace sumoql
