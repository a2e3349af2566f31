// toLowerCase(x) and toUpperCase(x): the text with ASCII letters converted; other bytes, such as
// UTF-8 sequences, are kept. A number or boolean argument is converted as its text; null stays
// null.
// NOTE: non-ASCII letters keep their case.

#include "engine/types/value_text.hpp"
#include "engine/functions/scalar_function.hpp"

#include <array>

namespace sumoql {

namespace {

template <bool UPPER>
void ConvertCase(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
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
		result.validity().Set(row, valid);
		if (!valid) {
			continue;
		}
		std::string_view text = ValueAsText(input, row, context.chunk);
		char *converted = context.chunk.heap.Allocate(text.size());
		for (std::size_t c = 0; c < text.size(); c++) {
			char ch = text[c];
			if (UPPER && ch >= 'a' && ch <= 'z') {
				ch = static_cast<char>(ch - 'a' + 'A');
			} else if (!UPPER && ch >= 'A' && ch <= 'Z') {
				ch = static_cast<char>(ch - 'A' + 'a');
			}
			converted[c] = ch;
		}
		result.strings()[row] = std::string_view(converted, text.size());
	}
}

constexpr std::array kFunctions = {
    ScalarFunction {"toLowerCase", 1, 1, ConvertCase<false>},
    ScalarFunction {"toUpperCase", 1, 1, ConvertCase<true>},
};

} // namespace

std::span<const ScalarFunction> CaseConversionFunctions() {
	return kFunctions;
}

} // namespace sumoql
