#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/functions/scalar_function.hpp"

#include <memory>
#include <vector>

namespace sumoql {

//! A call of a ScalarFunction; arguments are evaluated first, then the body runs once per chunk.
class BoundFunctionCall : public BoundExpression {
public:
	BoundFunctionCall(SourceSpan span, const ScalarFunction &function, std::vector<BoundExpressionPtr> arguments,
	                  ExecutionStats &stats, QueryClock clock, std::unique_ptr<FunctionData> data);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

private:
	const ScalarFunction &function_;
	std::vector<BoundExpressionPtr> arguments_;
	std::vector<Vector> argument_scratch_;
	std::vector<const Vector *> argument_vectors_;
	ExecutionStats &stats_;
	QueryClock clock_;
	std::unique_ptr<FunctionData> data_;
};

} // namespace sumoql
