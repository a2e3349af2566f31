#include "engine/expressions/expression_binder.hpp"

#include "engine/expressions/arithmetic.hpp"
#include "engine/expressions/bound_constant.hpp"
#include "engine/expressions/bound_field_reference.hpp"
#include "engine/expressions/comparison.hpp"
#include "engine/expressions/conditional.hpp"
#include "engine/expressions/conjunction.hpp"
#include "engine/expressions/function_call.hpp"
#include "engine/expressions/in_list.hpp"
#include "engine/expressions/matches.hpp"
#include "engine/expressions/regex_syntax.hpp"
#include "engine/types/number_text.hpp"
#include "grammar/diagnostic.hpp"

#include <fmt/format.h>

namespace sumoql {

namespace {

//! Returns the value of a number literal, or of a negated one such as `-1`.
std::optional<double> NumberLiteralValue(const ast::Expression &expression) {
	if (auto *number = std::get_if<ast::NumberLiteral>(&expression.node)) {
		return number->value;
	}
	auto *unary = std::get_if<ast::UnaryExpression>(&expression.node);
	if (unary && unary->op == ast::UnaryOperator::kNegate) {
		if (auto *number = std::get_if<ast::NumberLiteral>(&unary->operand->node)) {
			return -number->value;
		}
	}
	return std::nullopt;
}

[[noreturn]] void ThrowAt(SourceSpan span, std::string message, std::string hint = {}) {
	throw QueryError({Diagnostic {Severity::kError, span, std::move(message), std::move(hint)}});
}

bool IsComparison(ast::BinaryOperator op, ComparisonType &type) {
	switch (op) {
	case ast::BinaryOperator::kEqual:
		type = ComparisonType::kEqual;
		return true;
	case ast::BinaryOperator::kNotEqual:
		type = ComparisonType::kNotEqual;
		return true;
	case ast::BinaryOperator::kLess:
		type = ComparisonType::kLess;
		return true;
	case ast::BinaryOperator::kLessEqual:
		type = ComparisonType::kLessEqual;
		return true;
	case ast::BinaryOperator::kGreater:
		type = ComparisonType::kGreater;
		return true;
	case ast::BinaryOperator::kGreaterEqual:
		type = ComparisonType::kGreaterEqual;
		return true;
	default:
		return false;
	}
}

ArithmeticType ToArithmetic(ast::BinaryOperator op) {
	switch (op) {
	case ast::BinaryOperator::kAdd:
		return ArithmeticType::kAdd;
	case ast::BinaryOperator::kSubtract:
		return ArithmeticType::kSubtract;
	case ast::BinaryOperator::kMultiply:
		return ArithmeticType::kMultiply;
	case ast::BinaryOperator::kDivide:
		return ArithmeticType::kDivide;
	default:
		return ArithmeticType::kModulo;
	}
}

} // namespace

BoundExpressionPtr ExpressionBinder::Bind(const ast::Expression &expression) {
	return std::visit([&](const auto &node) { return BindNode(expression, node); }, expression.node);
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::NumberLiteral &node) {
	Value value;
	value.type = LogicalType::kNumber;
	value.number = node.value;
	return std::make_unique<BoundConstant>(expression.span, value);
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::StringLiteral &node) {
	Value value;
	value.type = LogicalType::kString;
	return std::make_unique<BoundConstant>(expression.span, value, node.value);
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::BooleanLiteral &node) {
	Value value;
	value.type = LogicalType::kBoolean;
	value.boolean = node.value;
	return std::make_unique<BoundConstant>(expression.span, value);
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::NullLiteral &) {
	return std::make_unique<BoundConstant>(expression.span, Value {});
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::FieldReference &node) {
	return std::make_unique<BoundFieldReference>(expression.span, schema_.AddField(node.name));
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::UnaryExpression &node) {
	auto operand = Bind(*node.operand);
	if (node.op == ast::UnaryOperator::kNot) {
		return std::make_unique<BoundNot>(expression.span, std::move(operand));
	}
	return std::make_unique<BoundArithmetic>(expression.span, ArithmeticType::kNegate, std::move(operand), nullptr);
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::BinaryExpression &node) {
	auto left = Bind(*node.left);
	auto right = Bind(*node.right);

	ComparisonType comparison;
	if (IsComparison(node.op, comparison)) {
		return std::make_unique<BoundComparison>(expression.span, comparison, std::move(left), std::move(right));
	}
	if (node.op == ast::BinaryOperator::kAnd || node.op == ast::BinaryOperator::kOr) {
		std::vector<BoundExpressionPtr> children;
		children.push_back(std::move(left));
		children.push_back(std::move(right));
		auto type = node.op == ast::BinaryOperator::kAnd ? ConjunctionType::kAnd : ConjunctionType::kOr;
		return std::make_unique<BoundConjunction>(expression.span, type, std::move(children));
	}
	return std::make_unique<BoundArithmetic>(expression.span, ToArithmetic(node.op), std::move(left),
	                                         std::move(right));
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::MatchesExpression &node) {
	auto subject = Bind(*node.subject);

	if (node.regex) {
		auto regex = CompileSumoRegex(*node.regex);
		if (!regex->ok()) {
			ThrowAt(expression.span, fmt::format("invalid regular expression /{}/: {}", *node.regex, regex->error()),
			        "matches takes an RE2 regular expression between slashes");
		}
		return std::make_unique<BoundMatches>(expression.span, std::move(subject), std::move(regex));
	}

	std::optional<std::string> constant_pattern;
	if (auto *literal = std::get_if<ast::StringLiteral>(&node.pattern->node)) {
		constant_pattern = literal->value;
	}
	return std::make_unique<BoundMatches>(expression.span, std::move(subject), Bind(*node.pattern),
	                                      constant_pattern);
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::InExpression &node) {
	std::vector<BoundExpressionPtr> items;
	for (const auto &item : node.items) {
		items.push_back(Bind(*item));
	}
	return std::make_unique<BoundInList>(expression.span, Bind(*node.subject), std::move(items), node.negated);
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression, const ast::FunctionCall &node) {
	if (EqualsIgnoringCase(node.name, "if")) {
		return BindIf(expression, node);
	}

	const ScalarFunction *function = FindScalarFunction(node.name);
	if (!function) {
		std::string_view suggestion = SuggestScalarFunction(node.name);
		ThrowAt(expression.span, fmt::format("unknown function '{}'", node.name),
		        suggestion.empty() ? "check the spelling; the README lists the functions sumoql runs"
		                           : fmt::format("did you mean {}()?", suggestion));
	}
	CheckArgumentCount(expression, node, *function);

	std::unique_ptr<FunctionData> data;
	if (function->bind) {
		data = BindFunctionData(node, *function);
	}

	std::vector<BoundExpressionPtr> arguments;
	for (const auto &argument : node.arguments) {
		arguments.push_back(Bind(*argument));
	}
	return std::make_unique<BoundFunctionCall>(expression.span, *function, std::move(arguments), stats_, clock_,
	                                           std::move(data));
}

void ExpressionBinder::CheckArgumentCount(const ast::Expression &expression, const ast::FunctionCall &node,
                                          const ScalarFunction &function) {
	idx_t given = node.arguments.size();
	if (given >= function.min_arguments && given <= function.max_arguments) {
		return;
	}

	std::string expected;
	if (function.min_arguments == function.max_arguments) {
		expected = function.min_arguments == 0 ? "no arguments"
		                                       : fmt::format("{} argument{}", function.min_arguments,
		                                                     function.min_arguments == 1 ? "" : "s");
	} else if (function.max_arguments == function.min_arguments + 1) {
		expected = fmt::format("{} or {} arguments", function.min_arguments, function.max_arguments);
	} else {
		expected = fmt::format("{} to {} arguments", function.min_arguments, function.max_arguments);
	}
	ThrowAt(expression.span, fmt::format("{}() takes {}, not {}", function.name, expected, given),
	        given > function.max_arguments ? "remove the extra arguments, or nest calls for more values"
	                                       : "add the missing arguments");
}

std::unique_ptr<FunctionData> ExpressionBinder::BindFunctionData(const ast::FunctionCall &node,
                                                                 const ScalarFunction &function) {
	FunctionBindInput input;
	input.regexes = node.regex_arguments;
	input.regexes.resize(node.arguments.size());
	for (const auto &argument : node.arguments) {
		if (auto *text = std::get_if<ast::StringLiteral>(&argument->node)) {
			input.constants.push_back(text->value);
			input.constant_types.push_back(LogicalType::kString);
		} else if (auto number = NumberLiteralValue(*argument)) {
			input.constants.push_back(FormatNumber(*number));
			input.constant_types.push_back(LogicalType::kNumber);
		} else {
			input.constants.push_back(std::nullopt);
			input.constant_types.push_back(LogicalType::kNull);
		}
	}

	try {
		return function.bind(input);
	} catch (const FunctionBindError &error) {
		ThrowAt(node.arguments[error.argument]->span, error.what(), error.hint);
	}
}

BoundExpressionPtr ExpressionBinder::BindIf(const ast::Expression &expression, const ast::FunctionCall &node) {
	if (node.arguments.size() != 3) {
		ThrowAt(expression.span, fmt::format("if() takes 3 arguments, not {}", node.arguments.size()),
		        "write if(condition, value_if_true, value_if_false)");
	}
	return std::make_unique<BoundConditional>(expression.span, Bind(*node.arguments[0]), Bind(*node.arguments[1]),
	                                          Bind(*node.arguments[2]));
}

BoundExpressionPtr ExpressionBinder::BindNode(const ast::Expression &expression,
                                              const ast::ConditionalExpression &node) {
	return std::make_unique<BoundConditional>(expression.span, Bind(*node.condition), Bind(*node.then_value),
	                                          Bind(*node.else_value));
}

} // namespace sumoql
