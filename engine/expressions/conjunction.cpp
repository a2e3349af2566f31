#include "engine/expressions/conjunction.hpp"

#include <utility>

namespace sumoql {

namespace {

//! Writes the rows of `selection` that are not in `subset` into `out`; both are ascending.
idx_t Complement(const SelectionVector &selection, idx_t count, const SelectionVector &subset,
                 idx_t subset_count, SelectionVector &out) {
	idx_t subset_index = 0;
	idx_t out_count = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (subset_index < subset_count && subset.Get(subset_index) == row) {
			subset_index++;
			continue;
		}
		out.Set(out_count++, row);
	}
	return out_count;
}

//! Merges two ascending, disjoint row lists into `out`.
idx_t MergeAscending(const SelectionVector &a, idx_t a_count, const SelectionVector &b, idx_t b_count,
                     SelectionVector &out) {
	idx_t i = 0;
	idx_t j = 0;
	idx_t out_count = 0;
	while (i < a_count || j < b_count) {
		if (j == b_count || (i < a_count && a.Get(i) < b.Get(j))) {
			out.Set(out_count++, a.Get(i++));
		} else {
			out.Set(out_count++, b.Get(j++));
		}
	}
	return out_count;
}

} // namespace

BoundConjunction::BoundConjunction(SourceSpan span, ConjunctionType type,
                                   std::vector<BoundExpressionPtr> children)
    : BoundExpression(span), type_(type), children_(std::move(children)) {
}

idx_t BoundConjunction::Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                               SelectionVector &true_selection) {
	return type_ == ConjunctionType::kAnd ? SelectAnd(chunk, selection, count, true_selection)
	                                      : SelectOr(chunk, selection, count, true_selection);
}

idx_t BoundConjunction::SelectAnd(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                                  SelectionVector &true_selection) {
	// Each child reads the rows the previous one kept; two buffers take turns as its output.
	SelectionVector *buffers[2] = {&remaining_, &child_true_};
	const SelectionVector *current = &selection;
	idx_t current_count = count;
	for (idx_t i = 0; i < children_.size() && current_count > 0; i++) {
		SelectionVector *output = buffers[i % 2];
		current_count = children_[i]->Select(chunk, *current, current_count, *output);
		current = output;
	}

	for (idx_t i = 0; i < current_count; i++) {
		true_selection.Set(i, current->Get(i));
	}
	return current_count;
}

idx_t BoundConjunction::SelectOr(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                                 SelectionVector &true_selection) {
	// Each child evaluates only the rows that no earlier child accepted. The accepted rows are
	// merged in row order, and the two buffers of each pair swap roles per child.
	const SelectionVector *remaining = &selection;
	SelectionVector *remaining_buffers[2] = {&remaining_, &merged_};
	SelectionVector *accepted = &true_selection;
	SelectionVector *accepted_next = &accepted_scratch_;
	idx_t remaining_count = count;
	idx_t step = 0;
	idx_t accepted_count = 0;

	for (auto &child : children_) {
		if (remaining_count == 0) {
			break;
		}
		idx_t child_count = child->Select(chunk, *remaining, remaining_count, child_true_);
		if (child_count == 0) {
			continue;
		}
		accepted_count = MergeAscending(*accepted, accepted_count, child_true_, child_count, *accepted_next);
		std::swap(accepted, accepted_next);
		SelectionVector *remaining_next = remaining_buffers[step++ % 2];
		remaining_count = Complement(*remaining, remaining_count, child_true_, child_count, *remaining_next);
		remaining = remaining_next;
	}

	if (accepted != &true_selection) {
		for (idx_t i = 0; i < accepted_count; i++) {
			true_selection.Set(i, accepted->Get(i));
		}
	}
	return accepted_count;
}

void BoundConjunction::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                               Vector &result) {
	idx_t true_count = Select(chunk, selection, count, execute_selection_);
	WriteSelectionAsBooleans(selection, count, execute_selection_, true_count, result);
}

BoundNot::BoundNot(SourceSpan span, BoundExpressionPtr child)
    : BoundExpression(span), child_(std::move(child)) {
}

idx_t BoundNot::Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                       SelectionVector &true_selection) {
	idx_t child_count = child_->Select(chunk, selection, count, child_true_);
	return Complement(selection, count, child_true_, child_count, true_selection);
}

void BoundNot::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count, Vector &result) {
	idx_t true_count = Select(chunk, selection, count, execute_selection_);
	WriteSelectionAsBooleans(selection, count, execute_selection_, true_count, result);
}

} // namespace sumoql
