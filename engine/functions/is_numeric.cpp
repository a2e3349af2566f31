// isNumeric(x) is true when x is a number in Java's number syntax. That covers decimal and
// scientific numbers ("1.56", "1e5"), hexadecimal with 0x or 0X ("0x1F"), and octal with a
// leading zero ("017", but "09" is not octal). A sign and a type suffix ("123L", "1.5f", "2d")
// may be added. Null, empty and blank text give false, and a number value gives true.
//
// isNaN(x) and isInfinity(x) are true when x is a number, or text in Java's Double syntax, that
// is NaN or infinite: sqrt(-1), "NaN", 1/0, "-Infinity". Anything else, null included, is false.

#include "engine/functions/row_executor.hpp"
#include "engine/types/ascii.hpp"

#include <array>
#include <cctype>
#include <cmath>

namespace sumoql {

namespace {

bool IsDigits(std::string_view text, int base) {
	if (text.empty()) {
		return false;
	}
	for (char c : text) {
		bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : (c >= '0' && c < '0' + base);
		if (!ok) {
			return false;
		}
	}
	return true;
}

//! Decimal digits with at most one '.', at least one digit, and an optional exponent.
bool IsDecimal(std::string_view text) {
	std::size_t exponent = text.find_first_of("eE");
	std::string_view mantissa = text.substr(0, exponent);
	std::size_t dot = mantissa.find('.');
	std::string_view whole = mantissa.substr(0, dot);
	std::string_view fraction = dot == std::string_view::npos ? std::string_view() : mantissa.substr(dot + 1);
	bool mantissa_ok = (whole.empty() || IsDigits(whole, 10)) && (fraction.empty() || IsDigits(fraction, 10)) &&
	                   !(whole.empty() && fraction.empty());
	if (!mantissa_ok || exponent == std::string_view::npos) {
		return mantissa_ok;
	}

	std::string_view power = text.substr(exponent + 1);
	if (!power.empty() && (power.front() == '+' || power.front() == '-')) {
		power.remove_prefix(1);
	}
	return IsDigits(power, 10);
}

bool IsJavaNumber(std::string_view text) {
	if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
		text.remove_prefix(1);
	}
	if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		std::string_view digits = text.substr(2);
		if (!digits.empty() && (digits.back() == 'L' || digits.back() == 'l')) {
			digits.remove_suffix(1);
		}
		return IsDigits(digits, 16);
	}

	char last = text.empty() ? '\0' : text.back();
	bool integer_suffix = last == 'L' || last == 'l';
	bool float_suffix = last == 'f' || last == 'F' || last == 'd' || last == 'D';
	if (integer_suffix || float_suffix) {
		text.remove_suffix(1);
	}

	bool is_integer = IsDigits(text, 10);
	if (is_integer && text.size() > 1 && text[0] == '0') {
		return IsDigits(text, 8);
	}
	if (integer_suffix) {
		return is_integer;
	}
	return IsDecimal(text);
}

void IsNumeric(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
               Vector &result, FunctionContext &) {
	const Vector &input = *arguments[0];
	result.SetType(LogicalType::kBoolean);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool valid = input.type() != LogicalType::kNull && input.validity().RowIsValid(row);
		bool numeric = false;
		if (valid && input.type() == LogicalType::kNumber) {
			numeric = true;
		} else if (valid && input.type() == LogicalType::kString) {
			numeric = IsJavaNumber(input.strings()[row]);
		}
		result.booleans()[row] = numeric ? 1 : 0;
		result.validity().SetValid(row);
	}
}

//! Reads `row` as a double the way Java's Double.parseDouble would, which also takes "NaN" and
//! "Infinity" with an optional sign.
bool ReadJavaDouble(const Vector &input, sel_t row, double &out) {
	if (ReadNumberAt(input, row, out)) {
		return true;
	}
	if (!IsValidAt(input, row) || input.type() != LogicalType::kString) {
		return false;
	}
	std::string_view text = TrimAsciiSpace(input.strings()[row]);
	bool negative = !text.empty() && text.front() == '-';
	if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
		text.remove_prefix(1);
	}
	if (text == "NaN") {
		out = std::nan("");
		return true;
	}
	if (text == "Infinity") {
		out = negative ? -INFINITY : INFINITY;
		return true;
	}
	return false;
}

template <bool (*TEST)(double)>
void TestDouble(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                Vector &result, FunctionContext &) {
	const Vector &input = *arguments[0];
	ExecutePredicate(selection, count, result, [&](sel_t row) {
		double value;
		return ReadJavaDouble(input, row, value) && TEST(value);
	});
}

bool IsNan(double value) {
	return std::isnan(value);
}

bool IsInfinite(double value) {
	return std::isinf(value);
}

constexpr std::array kFunctions = {
    ScalarFunction {"isNumeric", 1, 1, IsNumeric},
    ScalarFunction {"isNaN", 1, 1, TestDouble<IsNan>},
    ScalarFunction {"isInfinity", 1, 1, TestDouble<IsInfinite>},
};

} // namespace

std::span<const ScalarFunction> IsNumericFunctions() {
	return kFunctions;
}

} // namespace sumoql
