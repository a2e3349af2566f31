#include "engine/expressions/in_list.hpp"

#include "engine/expressions/comparison.hpp"
#include "engine/types/value.hpp"

namespace sumoql {

BoundInList::BoundInList(SourceSpan span, BoundExpressionPtr subject, std::vector<BoundExpressionPtr> items,
                         bool negated)
    : BoundExpression(span), subject_(std::move(subject)), items_(std::move(items)), negated_(negated),
      item_scratch_(items_.size()), item_vectors_(items_.size()) {
}

idx_t BoundInList::Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                          SelectionVector &true_selection) {
	const Vector &subject = EvaluateChild(*subject_, chunk, selection, count, subject_scratch_);
	for (idx_t i = 0; i < items_.size(); i++) {
		item_vectors_[i] = &EvaluateChild(*items_[i], chunk, selection, count, item_scratch_[i]);
	}

	idx_t true_count = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		Value subject_value = Value::FromVector(subject, row);
		if (subject_value.is_null()) {
			continue;
		}
		bool found = false;
		for (const Vector *item : item_vectors_) {
			if (CompareValues(ComparisonType::kEqual, subject_value, Value::FromVector(*item, row))) {
				found = true;
				break;
			}
		}
		if (found != negated_) {
			true_selection.Set(true_count++, row);
		}
	}
	return true_count;
}

void BoundInList::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count, Vector &result) {
	idx_t true_count = Select(chunk, selection, count, execute_selection_);
	WriteSelectionAsBooleans(selection, count, execute_selection_, true_count, result);
}

} // namespace sumoql
