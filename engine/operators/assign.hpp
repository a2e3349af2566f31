#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/operators/physical_operator.hpp"

namespace sumoql {

//! `expr as field`: computes the expression and stores it in the field's slot, replacing what
//! was there. Bare casts (`| num(x)`) and `eval x = expr` reach here too.
class AssignOperator : public PhysicalOperator {
public:
	AssignOperator(BoundExpressionPtr value, idx_t target_slot)
	    : value_(std::move(value)), target_slot_(target_slot) {
	}

	void Execute(DataChunk &chunk) override;

private:
	BoundExpressionPtr value_;
	idx_t target_slot_;
	Vector result_;
};

} // namespace sumoql
