#include "engine/expressions/function_call.hpp"

namespace sumoql {

BoundFunctionCall::BoundFunctionCall(SourceSpan span, const ScalarFunction &function,
                                     std::vector<BoundExpressionPtr> arguments, ExecutionStats &stats,
                                     QueryClock clock, std::unique_ptr<FunctionData> data)
    : BoundExpression(span), function_(function), arguments_(std::move(arguments)),
      argument_scratch_(arguments_.size()), argument_vectors_(arguments_.size()), stats_(stats),
      clock_(clock), data_(std::move(data)) {
}

void BoundFunctionCall::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                                Vector &result) {
	for (idx_t i = 0; i < arguments_.size(); i++) {
		argument_vectors_[i] = &EvaluateChild(*arguments_[i], chunk, selection, count, argument_scratch_[i]);
	}

	FunctionContext context {chunk, stats_, clock_, data_.get()};
	function_.body(argument_vectors_, selection, count, result, context);
}

} // namespace sumoql
