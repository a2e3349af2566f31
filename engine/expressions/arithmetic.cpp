#include "engine/expressions/arithmetic.hpp"

#include "engine/types/number_text.hpp"

#include <cmath>

namespace sumoql {

idx_t CastToNumber(const Vector &input, const SelectionVector &selection, idx_t count, Vector &output) {
	output.SetType(LogicalType::kNumber);
	double *numbers = output.numbers();
	idx_t failures = 0;

	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool valid = input.validity().RowIsValid(row);
		switch (valid ? input.type() : LogicalType::kNull) {
		case LogicalType::kNumber:
			numbers[row] = input.numbers()[row];
			break;
		case LogicalType::kString:
			valid = ParseNumber(input.strings()[row], numbers[row]);
			failures += valid ? 0 : 1;
			break;
		case LogicalType::kBoolean:
			valid = false;
			failures++;
			break;
		case LogicalType::kNull:
			valid = false;
			break;
		}
		output.validity().Set(row, valid);
	}
	return failures;
}

BoundArithmetic::BoundArithmetic(SourceSpan span, ArithmeticType type, BoundExpressionPtr left,
                                 BoundExpressionPtr right)
    : BoundExpression(span), type_(type), left_(std::move(left)), right_(std::move(right)) {
}

namespace {

template <class OPERATION>
void ApplyBinary(const Vector &left, const Vector &right, const SelectionVector &selection, idx_t count,
                 Vector &result, OPERATION &&operation) {
	result.SetType(LogicalType::kNumber);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool valid = left.validity().RowIsValid(row) && right.validity().RowIsValid(row);
		if (valid) {
			result.numbers()[row] = operation(left.numbers()[row], right.numbers()[row]);
		}
		result.validity().Set(row, valid);
	}
}

} // namespace

void BoundArithmetic::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                              Vector &result) {
	const Vector &left_input = EvaluateChild(*left_, chunk, selection, count, left_scratch_);
	CastToNumber(left_input, selection, count, left_numbers_);

	if (type_ == ArithmeticType::kNegate) {
		result.SetType(LogicalType::kNumber);
		for (idx_t i = 0; i < count; i++) {
			sel_t row = selection.Get(i);
			bool valid = left_numbers_.validity().RowIsValid(row);
			result.numbers()[row] = valid ? -left_numbers_.numbers()[row] : 0;
			result.validity().Set(row, valid);
		}
		return;
	}

	const Vector &right_input = EvaluateChild(*right_, chunk, selection, count, right_scratch_);
	CastToNumber(right_input, selection, count, right_numbers_);

	switch (type_) {
	case ArithmeticType::kAdd:
		ApplyBinary(left_numbers_, right_numbers_, selection, count, result, [](double a, double b) { return a + b; });
		break;
	case ArithmeticType::kSubtract:
		ApplyBinary(left_numbers_, right_numbers_, selection, count, result, [](double a, double b) { return a - b; });
		break;
	case ArithmeticType::kMultiply:
		ApplyBinary(left_numbers_, right_numbers_, selection, count, result, [](double a, double b) { return a * b; });
		break;
	case ArithmeticType::kDivide:
		ApplyBinary(left_numbers_, right_numbers_, selection, count, result, [](double a, double b) { return a / b; });
		break;
	case ArithmeticType::kModulo:
		ApplyBinary(left_numbers_, right_numbers_, selection, count, result,
		            [](double a, double b) { return std::fmod(a, b); });
		break;
	case ArithmeticType::kNegate:
		break;
	}
}

} // namespace sumoql
