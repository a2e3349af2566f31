#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/operators/physical_operator.hpp"

#include <optional>

namespace sumoql {

//! `expr as field`: computes the expression and stores it in the field's slot, replacing what
//! was there. Bare casts (`| num(x)`) and `eval x = expr` reach here too. Without a target slot,
//! for a bare predicate such as `| isPrivateIP(ip)`, the value is computed and discarded, so only
//! the rows the function drops change.
class AssignOperator : public PhysicalOperator {
public:
	AssignOperator(BoundExpressionPtr value, std::optional<idx_t> target_slot)
	    : value_(std::move(value)), target_slot_(target_slot) {
	}

	void Execute(DataChunk &chunk) override;

private:
	BoundExpressionPtr value_;
	std::optional<idx_t> target_slot_;
	Vector result_;
};

} // namespace sumoql
