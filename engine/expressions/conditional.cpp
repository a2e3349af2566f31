#include "engine/expressions/conditional.hpp"

#include "engine/types/value_text.hpp"
#include "engine/types/value.hpp"

namespace sumoql {

BoundConditional::BoundConditional(SourceSpan span, BoundExpressionPtr condition, BoundExpressionPtr then_value,
                                   BoundExpressionPtr else_value)
    : BoundExpression(span), condition_(std::move(condition)), then_value_(std::move(then_value)),
      else_value_(std::move(else_value)) {
}

namespace {

LogicalType CommonType(LogicalType a, LogicalType b) {
	if (a == b || b == LogicalType::kNull) {
		return a;
	}
	if (a == LogicalType::kNull) {
		return b;
	}
	return LogicalType::kString;
}

void CopyRows(const Vector &source, const SelectionVector &rows, idx_t count, Vector &result,
              DataChunk &chunk) {
	bool as_text = result.type() == LogicalType::kString && source.type() != LogicalType::kString;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = rows.Get(i);
		if (source.type() == LogicalType::kNull || !source.validity().RowIsValid(row)) {
			result.validity().SetInvalid(row);
			continue;
		}
		if (as_text) {
			result.strings()[row] = ValueAsText(source, row, chunk);
			result.validity().SetValid(row);
			continue;
		}
		Value::FromVector(source, row).WriteTo(result, row);
	}
}

} // namespace

void BoundConditional::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                               Vector &result) {
	idx_t then_count = condition_->Select(chunk, selection, count, then_rows_);

	// The else rows are the selected rows that the condition did not accept.
	idx_t else_count = 0;
	idx_t then_index = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (then_index < then_count && then_rows_.Get(then_index) == row) {
			then_index++;
			continue;
		}
		else_rows_.Set(else_count++, row);
	}

	LogicalType then_type = LogicalType::kNull;
	LogicalType else_type = LogicalType::kNull;
	const Vector *then_values = nullptr;
	const Vector *else_values = nullptr;
	if (then_count > 0) {
		then_values = &EvaluateChild(*then_value_, chunk, then_rows_, then_count, then_scratch_);
		then_type = then_values->type();
	}
	if (else_count > 0) {
		else_values = &EvaluateChild(*else_value_, chunk, else_rows_, else_count, else_scratch_);
		else_type = else_values->type();
	}

	result.SetType(CommonType(then_type, else_type));
	if (result.type() == LogicalType::kNull) {
		return;
	}
	if (then_values) {
		CopyRows(*then_values, then_rows_, then_count, result, chunk);
	}
	if (else_values) {
		CopyRows(*else_values, else_rows_, else_count, result, chunk);
	}
}

} // namespace sumoql
