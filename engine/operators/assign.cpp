#include "engine/operators/assign.hpp"

#include "engine/types/value.hpp"

namespace sumoql {

void AssignOperator::Execute(DataChunk &chunk) {
	// The expression may read the target itself (`replace(f, "a", "b") as f`), so it is computed
	// into a separate vector first.
	value_->Execute(chunk, chunk.selection, chunk.count, result_);
	if (!target_slot_) {
		return;
	}

	Vector &target = chunk.columns[*target_slot_];
	if (chunk.count == chunk.row_count) {
		target.Swap(result_);
		return;
	}

	// Some rows were filtered out: only the selected rows take the new value, and they may change
	// the column's type, so rows outside the selection become null.
	if (target.type() != result_.type()) {
		target.SetType(result_.type());
		target.validity().SetAllInvalid();
	}
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		Value::FromVector(result_, row).WriteTo(target, row);
	}
}

} // namespace sumoql
