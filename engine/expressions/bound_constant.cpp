#include "engine/expressions/bound_constant.hpp"

#include <utility>

namespace sumoql {

BoundConstant::BoundConstant(SourceSpan span, Value value, std::string text)
    : BoundExpression(span), text_(std::move(text)), value_(value) {
	if (value_.type == LogicalType::kString) {
		value_.string = text_;
	}
}

void BoundConstant::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                            Vector &result) {
	result.SetType(value_.type);
	for (idx_t i = 0; i < count; i++) {
		value_.WriteTo(result, selection.Get(i));
	}
}

} // namespace sumoql
