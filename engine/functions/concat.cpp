// concat(a, b, ...): the text of 2 to 16 values joined end to end. Numbers and booleans join as
// their text, and a null value joins as "", so the result is never null:
// concat(a, ".", b, ".", missing) with a = "10" and b = "2" is "10.2.".

#include "engine/functions/row_executor.hpp"

#include <array>

namespace sumoql {

namespace {

void Concat(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
            Vector &result, FunctionContext &context) {
	result.SetType(LogicalType::kString);
	std::string joined;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		joined.clear();
		for (const Vector *argument : arguments) {
			if (IsValidAt(*argument, row)) {
				joined += ValueAsText(*argument, row, context.chunk);
			}
		}
		result.strings()[row] = context.chunk.heap.AddString(joined);
		result.validity().SetValid(row);
	}
}

constexpr std::array kFunctions = {
    ScalarFunction {"concat", 2, 16, Concat},
};

} // namespace

std::span<const ScalarFunction> ConcatFunctions() {
	return kFunctions;
}

} // namespace sumoql
