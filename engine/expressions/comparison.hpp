#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/types/value.hpp"

#include <optional>

namespace sumoql {

enum class ComparisonType { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

//! `left OP right` with Sumo's coercions:
//! - number and number: numeric.
//! - string and string: `=` and `!=` compare the exact text, case-sensitively. `<` and the other
//!   orderings are numeric when both texts are numbers, else code-point order.
//! - string and number: numeric when the text is a number. Otherwise the values are not
//!   comparable, and only `!=` is true.
//! - boolean and boolean, or boolean and the text "true"/"false": `=` and `!=` only.
//! - a null operand makes every comparison false, `!=` included.
class BoundComparison : public BoundExpression {
public:
	BoundComparison(SourceSpan span, ComparisonType type, BoundExpressionPtr left,
	                BoundExpressionPtr right);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             SelectionVector &true_selection) override;

private:
	ComparisonType type_;
	BoundExpressionPtr left_;
	BoundExpressionPtr right_;
	Vector left_scratch_;
	Vector right_scratch_;
	//! The right operand's value when it is a literal, read once when the query is planned.
	std::optional<Value> right_constant_;
	SelectionVector execute_selection_;
};

//! Compares two single values under the rules of BoundComparison.
bool CompareValues(ComparisonType type, const Value &left, const Value &right);

} // namespace sumoql
