#pragma once

#include "engine/expressions/bound_expression.hpp"

namespace sumoql {

//! `if(condition, a, b)` and `condition ? a : b`. Each branch is evaluated only on the rows that
//! take it. A null condition takes the else branch. When the two branches have different types,
//! numbers and booleans are written as text in every row, so the column has one type in every
//! chunk.
class BoundConditional : public BoundExpression {
public:
	BoundConditional(SourceSpan span, BoundExpressionPtr condition, BoundExpressionPtr then_value,
	                 BoundExpressionPtr else_value);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

private:
	BoundExpressionPtr condition_;
	BoundExpressionPtr then_value_;
	BoundExpressionPtr else_value_;
	SelectionVector then_rows_;
	SelectionVector else_rows_;
	Vector then_scratch_;
	Vector else_scratch_;
};

} // namespace sumoql
