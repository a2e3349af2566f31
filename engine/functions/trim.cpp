// trim(s): the text without leading and trailing whitespace. As in Java's String.trim, every
// character up to U+0020 (space, tab, newline, other control characters) counts as whitespace.
// A null value gives null.

#include "engine/functions/row_executor.hpp"

#include <array>

namespace sumoql {

namespace {

bool IsTrimmed(char c) {
	return static_cast<unsigned char>(c) <= ' ';
}

void Trim(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count, Vector &result,
          FunctionContext &context) {
	const Vector &input = *arguments[0];
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::string_view text = ValueAsText(input, row, context.chunk);
		while (!text.empty() && IsTrimmed(text.front())) {
			text.remove_prefix(1);
		}
		while (!text.empty() && IsTrimmed(text.back())) {
			text.remove_suffix(1);
		}
		result.strings()[row] = text;
		return true;
	});
}

constexpr std::array kFunctions = {
    ScalarFunction {"trim", 1, 1, Trim},
};

} // namespace

std::span<const ScalarFunction> TrimFunctions() {
	return kFunctions;
}

} // namespace sumoql
