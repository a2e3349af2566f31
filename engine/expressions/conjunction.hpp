#pragma once

#include "engine/expressions/bound_expression.hpp"

#include <vector>

namespace sumoql {

enum class ConjunctionType { kAnd, kOr };

//! `a AND b AND ...` or `a OR b OR ...`. Select narrows the selection child by child, so a later
//! child only evaluates the rows whose result it can still change.
class BoundConjunction : public BoundExpression {
public:
	BoundConjunction(SourceSpan span, ConjunctionType type, std::vector<BoundExpressionPtr> children);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             SelectionVector &true_selection) override;

private:
	idx_t SelectAnd(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	                SelectionVector &true_selection);
	idx_t SelectOr(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	               SelectionVector &true_selection);

	ConjunctionType type_;
	std::vector<BoundExpressionPtr> children_;
	SelectionVector remaining_;
	SelectionVector child_true_;
	SelectionVector merged_;
	SelectionVector accepted_scratch_;
	SelectionVector execute_selection_;
};

//! `!x` or `NOT x`: true exactly where x is not true, so a null x gives true.
class BoundNot : public BoundExpression {
public:
	BoundNot(SourceSpan span, BoundExpressionPtr child);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             SelectionVector &true_selection) override;

private:
	BoundExpressionPtr child_;
	SelectionVector child_true_;
	SelectionVector execute_selection_;
};

} // namespace sumoql
