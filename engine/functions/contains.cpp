// contains(text, part) and `text contains part`: true when `part` occurs in `text`,
// case-sensitively. Two empty strings contain each other; an empty string and a non-empty one
// never do, whichever side is empty. A null argument gives false.

#include "engine/types/value_text.hpp"
#include "engine/functions/scalar_function.hpp"

#include <array>

namespace sumoql {

namespace {

void Contains(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
              Vector &result, FunctionContext &context) {
	const Vector &text = *arguments[0];
	const Vector &part = *arguments[1];
	result.SetType(LogicalType::kBoolean);

	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool valid = text.type() != LogicalType::kNull && part.type() != LogicalType::kNull &&
		             text.validity().RowIsValid(row) && part.validity().RowIsValid(row);
		bool found = false;
		if (valid) {
			std::string_view haystack = ValueAsText(text, row, context.chunk);
			std::string_view needle = ValueAsText(part, row, context.chunk);
			found = haystack.empty() || needle.empty() ? haystack.empty() && needle.empty()
			                                           : haystack.find(needle) != std::string_view::npos;
		}
		result.booleans()[row] = found ? 1 : 0;
		result.validity().SetValid(row);
	}
}

constexpr std::array kFunctions = {
    ScalarFunction {"contains", 2, 2, Contains},
};

} // namespace

std::span<const ScalarFunction> ContainsFunctions() {
	return kFunctions;
}

} // namespace sumoql
