// Casts: num(x) and its synonyms number(x) and double(x) give a double; toLong(x) and toInt(x)
// give a whole number, truncated toward zero; toString(x) gives text. A value that cannot be
// converted becomes null and is counted in ExecutionStats::failed_conversions.

#include "engine/expressions/arithmetic.hpp"
#include "engine/types/value_text.hpp"
#include "engine/functions/scalar_function.hpp"

#include <array>
#include <cmath>

namespace sumoql {

namespace {

void ToNumber(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
              Vector &result, FunctionContext &context) {
	context.stats.failed_conversions += CastToNumber(*arguments[0], selection, count, result);
}

// NOTE: numbers are doubles throughout, so toLong is exact only up to 2^53.
void ToLong(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
            Vector &result, FunctionContext &context) {
	ToNumber(arguments, selection, count, result, context);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		result.numbers()[row] = std::trunc(result.numbers()[row]);
	}
}

void ToText(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
            Vector &result, FunctionContext &context) {
	const Vector &input = *arguments[0];
	if (input.type() == LogicalType::kNull) {
		result.SetAllNull();
		return;
	}

	result.SetType(LogicalType::kString);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool valid = input.validity().RowIsValid(row);
		if (valid) {
			result.strings()[row] = ValueAsText(input, row, context.chunk);
		}
		result.validity().Set(row, valid);
	}
}

constexpr std::array kFunctions = {
    ScalarFunction {"num", 1, 1, ToNumber},     ScalarFunction {"number", 1, 1, ToNumber},
    ScalarFunction {"double", 1, 1, ToNumber},  ScalarFunction {"toLong", 1, 1, ToLong},
    ScalarFunction {"toInt", 1, 1, ToLong},     ScalarFunction {"toString", 1, 1, ToText},
};

} // namespace

std::span<const ScalarFunction> CastFunctions() {
	return kFunctions;
}

} // namespace sumoql
