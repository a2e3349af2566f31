#include "engine/expressions/bound_expression.hpp"

#include "engine/execution/schema.hpp"

#include <string_view>

namespace sumoql {

bool IsTrue(const Vector &vector, idx_t row) {
	if (!vector.validity().RowIsValid(row)) {
		return false;
	}
	switch (vector.type()) {
	case LogicalType::kBoolean:
		return vector.booleans()[row] != 0;
	case LogicalType::kString:
		return EqualsIgnoringCase(vector.strings()[row], "true");
	case LogicalType::kNumber:
	case LogicalType::kNull:
		return false;
	}
	return false;
}

idx_t BoundExpression::Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                              SelectionVector &true_selection) {
	const Vector &values = EvaluateChild(*this, chunk, selection, count, select_scratch_);

	idx_t true_count = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (IsTrue(values, row)) {
			true_selection.Set(true_count++, row);
		}
	}
	return true_count;
}

const Vector &EvaluateChild(BoundExpression &expression, DataChunk &chunk,
                            const SelectionVector &selection, idx_t count, Vector &scratch) {
	if (const Vector *direct = expression.DirectVector(chunk)) {
		return *direct;
	}
	expression.Execute(chunk, selection, count, scratch);
	return scratch;
}

} // namespace sumoql

namespace sumoql {

void WriteSelectionAsBooleans(const SelectionVector &selection, idx_t count,
                              const SelectionVector &true_selection, idx_t true_count, Vector &result) {
	result.SetType(LogicalType::kBoolean);
	std::uint8_t *booleans = result.booleans();

	idx_t true_index = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool is_true = true_index < true_count && true_selection.Get(true_index) == row;
		if (is_true) {
			true_index++;
		}
		booleans[row] = is_true ? 1 : 0;
		result.validity().SetValid(row);
	}
}

} // namespace sumoql
