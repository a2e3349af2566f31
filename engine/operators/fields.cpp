#include "engine/operators/fields.hpp"

namespace sumoql {

void FieldsOperator::Execute(DataChunk &chunk) {
	for (idx_t slot : removed_slots_) {
		chunk.columns[slot].SetAllNull();
	}
}

} // namespace sumoql
