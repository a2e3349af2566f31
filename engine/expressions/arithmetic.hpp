#pragma once

#include "engine/expressions/bound_expression.hpp"

namespace sumoql {

enum class ArithmeticType { kAdd, kSubtract, kMultiply, kDivide, kModulo, kNegate };

//! `+ - * / %` and unary minus. Text operands are read as numbers, as Sumo does when an operation
//! needs one. An operand that is null or not a number makes the result null. Division is
//! floating point, and `%` is the remainder with the dividend's sign.
class BoundArithmetic : public BoundExpression {
public:
	BoundArithmetic(SourceSpan span, ArithmeticType type, BoundExpressionPtr left,
	                BoundExpressionPtr right);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

private:
	ArithmeticType type_;
	BoundExpressionPtr left_;
	//! Null for unary minus.
	BoundExpressionPtr right_;
	Vector left_scratch_;
	Vector right_scratch_;
	Vector left_numbers_;
	Vector right_numbers_;
};

//! Writes the selected rows of `input` as numbers into `output`: numbers are copied, text that
//! parses as a number is converted, and everything else becomes null. Returns how many non-null
//! inputs were not numbers.
idx_t CastToNumber(const Vector &input, const SelectionVector &selection, idx_t count, Vector &output);

} // namespace sumoql
