#include "grammar/ast.hpp"

namespace sumoql::ast {

std::string_view SpellingOf(BinaryOperator op) {
	switch (op) {
	case BinaryOperator::kAdd:
		return "+";
	case BinaryOperator::kSubtract:
		return "-";
	case BinaryOperator::kMultiply:
		return "*";
	case BinaryOperator::kDivide:
		return "/";
	case BinaryOperator::kModulo:
		return "%";
	case BinaryOperator::kEqual:
		return "=";
	case BinaryOperator::kNotEqual:
		return "!=";
	case BinaryOperator::kLess:
		return "<";
	case BinaryOperator::kLessEqual:
		return "<=";
	case BinaryOperator::kGreater:
		return ">";
	case BinaryOperator::kGreaterEqual:
		return ">=";
	case BinaryOperator::kAnd:
		return "and";
	case BinaryOperator::kOr:
		return "or";
	}
	return "unknown";
}

} // namespace sumoql::ast
