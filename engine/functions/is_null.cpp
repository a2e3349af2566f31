// isNull(x), isEmpty(x), isBlank(x): tests for a missing value.
//
//   value     isNull  isEmpty  isBlank
//   null      true    true     true
//   ""        false   true     true
//   " \t"     false   false    true
//   "bob"     false   false    false

#include "engine/functions/scalar_function.hpp"

#include <array>

namespace sumoql {

namespace {

bool IsWhitespace(char c) {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

template <class TEST>
void TestEachRow(const Vector &input, const SelectionVector &selection, idx_t count, Vector &result,
                 TEST &&test) {
	result.SetType(LogicalType::kBoolean);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool is_null = input.type() == LogicalType::kNull || !input.validity().RowIsValid(row);
		std::string_view text = !is_null && input.type() == LogicalType::kString ? input.strings()[row] : "x";
		result.booleans()[row] = test(is_null, text) ? 1 : 0;
		result.validity().SetValid(row);
	}
}

void IsNull(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
            Vector &result, FunctionContext &) {
	TestEachRow(*arguments[0], selection, count, result, [](bool is_null, std::string_view) { return is_null; });
}

void IsEmpty(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
             Vector &result, FunctionContext &) {
	TestEachRow(*arguments[0], selection, count, result,
	            [](bool is_null, std::string_view text) { return is_null || text.empty(); });
}

void IsBlank(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
             Vector &result, FunctionContext &) {
	TestEachRow(*arguments[0], selection, count, result, [](bool is_null, std::string_view text) {
		for (char c : text) {
			if (!IsWhitespace(c)) {
				return is_null;
			}
		}
		return true;
	});
}

constexpr std::array kFunctions = {
    ScalarFunction {"isNull", 1, 1, IsNull},
    ScalarFunction {"isEmpty", 1, 1, IsEmpty},
    ScalarFunction {"isBlank", 1, 1, IsBlank},
};

} // namespace

std::span<const ScalarFunction> NullTestFunctions() {
	return kFunctions;
}

} // namespace sumoql
