#pragma once

#include "engine/expressions/bound_expression.hpp"

#include <vector>

namespace sumoql {

//! `subject in (a, b, ...)` and `subject not in (...)`. Each item is compared with `=` under the
//! rules of BoundComparison. A null subject makes both forms false.
class BoundInList : public BoundExpression {
public:
	BoundInList(SourceSpan span, BoundExpressionPtr subject, std::vector<BoundExpressionPtr> items,
	            bool negated);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             SelectionVector &true_selection) override;

private:
	BoundExpressionPtr subject_;
	std::vector<BoundExpressionPtr> items_;
	bool negated_;
	Vector subject_scratch_;
	std::vector<Vector> item_scratch_;
	std::vector<const Vector *> item_vectors_;
	SelectionVector execute_selection_;
};

} // namespace sumoql
