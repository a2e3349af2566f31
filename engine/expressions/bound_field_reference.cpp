#include "engine/expressions/bound_field_reference.hpp"

#include "engine/types/value.hpp"

namespace sumoql {

void BoundFieldReference::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                                  Vector &result) {
	const Vector &source = chunk.columns[slot_];
	result.SetType(source.type());
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		Value::FromVector(source, row).WriteTo(result, row);
	}
}

} // namespace sumoql
