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

//! Returns the type a branch contributes to the result. A branch with no values in this chunk
//! (a field no event of the chunk has) counts as text, the type of every event field, so the
//! result type does not depend on which events share a chunk. Only a constant null stays null.
LogicalType BranchType(const BoundExpression &branch, const Vector &values) {
	if (values.type() == LogicalType::kNull && !branch.IsConstant()) {
		return LogicalType::kString;
	}
	return values.type();
}

//! Returns the type of the result: the branches' type when they agree or one is null, else text.
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

	// Both branches are evaluated even when no row takes one, because an expression sets its
	// type for an empty selection too. The result type then comes from the expressions alone,
	// never from which rows of this chunk took which branch.
	const Vector &then_values = EvaluateChild(*then_value_, chunk, then_rows_, then_count, then_scratch_);
	const Vector &else_values = EvaluateChild(*else_value_, chunk, else_rows_, else_count, else_scratch_);
	LogicalType then_type = BranchType(*then_value_, then_values);
	LogicalType else_type = BranchType(*else_value_, else_values);

	result.SetType(CommonType(then_type, else_type));
	if (result.type() == LogicalType::kNull) {
		return;
	}
	CopyRows(then_values, then_rows_, then_count, result, chunk);
	CopyRows(else_values, else_rows_, else_count, result, chunk);
}

} // namespace sumoql
