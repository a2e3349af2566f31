#pragma once

#include "engine/execution/schema.hpp"
#include "engine/expressions/bound_expression.hpp"
#include "engine/functions/scalar_function.hpp"
#include "grammar/ast.hpp"

namespace sumoql {

//! Turns parsed expressions into bound ones: fields become slots of `schema` (added when new),
//! functions are looked up, literals are converted, and regexes are compiled.
//! Throws QueryError at the offending span for an unknown function, a wrong number of arguments
//! or a regex RE2 rejects.
class ExpressionBinder {
public:
	ExpressionBinder(Schema &schema, ExecutionStats &stats, QueryClock clock)
	    : schema_(schema), stats_(stats), clock_(clock) {
	}

	BoundExpressionPtr Bind(const ast::Expression &expression);

private:
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::NumberLiteral &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::StringLiteral &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::BooleanLiteral &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::NullLiteral &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::FieldReference &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::UnaryExpression &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::BinaryExpression &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::MatchesExpression &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::InExpression &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::FunctionCall &node);
	BoundExpressionPtr BindNode(const ast::Expression &expression, const ast::ConditionalExpression &node);

	BoundExpressionPtr BindIf(const ast::Expression &expression, const ast::FunctionCall &node);
	void CheckArgumentCount(const ast::Expression &expression, const ast::FunctionCall &node,
	                        const ScalarFunction &function);
	std::unique_ptr<FunctionData> BindFunctionData(const ast::FunctionCall &node, const ScalarFunction &function);

	Schema &schema_;
	ExecutionStats &stats_;
	QueryClock clock_;
};

} // namespace sumoql
