#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/operators/physical_operator.hpp"

namespace sumoql {

//! `where condition`: keeps the rows for which the condition is true.
class WhereOperator : public PhysicalOperator {
public:
	explicit WhereOperator(BoundExpressionPtr condition) : condition_(std::move(condition)) {
	}

	void Execute(DataChunk &chunk) override;

private:
	BoundExpressionPtr condition_;
	SelectionVector kept_;
};

} // namespace sumoql
