// format(pattern, a, b, ...): text built from a Java String.format pattern and up to 16 values.
// format("%s : %s", "Rate", "5") is "Rate : 5", and format("%.2f", 3.14159) is "3.14".
//
// A specifier is %[index$][flags][width][.precision]conversion, with the conversions s S b B c
// C d o x X e E f g G, "%%" and "%n", the flags - # + space 0 and ",", and "%<s" for the
// previous value. As Sumo documents, a value that the conversion cannot take drops the row: a
// null value, or text for a numeric conversion (convert it with num() first). The integer
// conversions d o x X take a number with no fraction. Dropped rows are counted for the run
// summary. A literal pattern is checked at plan time.

#include "engine/functions/row_executor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace sumoql {

namespace {

//! One piece of a parsed pattern: literal text, or a conversion of one argument.
struct FormatPart {
	std::string literal;
	//! 0 for literal text; otherwise the conversion letter.
	char conversion = 0;
	//! The 0-based value index, counted after the pattern argument.
	idx_t argument = 0;
	bool left_justify = false;
	bool alternate = false;
	bool plus = false;
	bool space = false;
	bool zero_pad = false;
	bool grouping = false;
	std::size_t width = 0;
	int precision = -1;
};

struct FormatData : FunctionData {
	std::vector<FormatPart> parts;
};

bool IsNumericConversion(char conversion) {
	switch (conversion) {
	case 'd': case 'o': case 'x': case 'X': case 'e': case 'E': case 'f': case 'g': case 'G':
		return true;
	default:
		return false;
	}
}

std::size_t ReadDigits(std::string_view text, std::size_t &i) {
	std::size_t value = 0;
	while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
		value = value * 10 + static_cast<std::size_t>(text[i++] - '0');
	}
	return value;
}

//! Parses `pattern` for `value_count` values. Returns an error message, or "" on success.
std::string ParsePattern(std::string_view pattern, idx_t value_count, std::vector<FormatPart> &parts) {
	parts.clear();
	std::string literal;
	idx_t next_argument = 0;
	idx_t previous_argument = 0;
	for (std::size_t i = 0; i < pattern.size(); i++) {
		if (pattern[i] != '%') {
			literal += pattern[i];
			continue;
		}
		std::size_t start = i++;
		FormatPart part;

		// An explicit index is digits followed by '$'; "%<s" reuses the previous value.
		std::size_t digits_end = i;
		std::size_t index = ReadDigits(pattern, digits_end);
		bool explicit_index = digits_end > i && digits_end < pattern.size() && pattern[digits_end] == '$';
		bool previous = i < pattern.size() && pattern[i] == '<';
		if (explicit_index) {
			i = digits_end + 1;
		} else if (previous) {
			i++;
		}

		for (; i < pattern.size(); i++) {
			char flag = pattern[i];
			if (flag == '-') {
				part.left_justify = true;
			} else if (flag == '#') {
				part.alternate = true;
			} else if (flag == '+') {
				part.plus = true;
			} else if (flag == ' ') {
				part.space = true;
			} else if (flag == '0') {
				part.zero_pad = true;
			} else if (flag == ',') {
				part.grouping = true;
			} else {
				break;
			}
		}
		part.width = ReadDigits(pattern, i);
		if (i < pattern.size() && pattern[i] == '.') {
			i++;
			part.precision = static_cast<int>(ReadDigits(pattern, i));
		}
		if (i >= pattern.size()) {
			return fmt::format("the specifier '{}' has no conversion letter", pattern.substr(start));
		}

		char conversion = pattern[i];
		std::string_view specifier = pattern.substr(start, i - start + 1);
		if (conversion == '%' || conversion == 'n') {
			literal += conversion == '%' ? '%' : '\n';
			continue;
		}
		if (std::string_view("sSbBcCdoxXeEfgG").find(conversion) == std::string_view::npos) {
			return fmt::format("unknown conversion '{}'", specifier);
		}
		part.conversion = conversion;

		if (explicit_index) {
			if (index == 0) {
				return fmt::format("'{}' refers to value 0; values count from 1", specifier);
			}
			part.argument = index - 1;
		} else if (previous) {
			part.argument = previous_argument;
		} else {
			part.argument = next_argument++;
		}
		if (part.argument >= value_count) {
			return fmt::format("'{}' needs a value {}, but only {} {} given", specifier, part.argument + 1, value_count,
			                   value_count == 1 ? "was" : "were");
		}
		previous_argument = part.argument;

		if (!literal.empty()) {
			parts.push_back(FormatPart {literal});
			literal.clear();
		}
		parts.push_back(part);
	}
	if (!literal.empty()) {
		parts.push_back(FormatPart {literal});
	}
	return {};
}

//! Inserts "," between groups of three digits in the integer part of `digits`.
std::string GroupThousands(const std::string &digits) {
	std::size_t begin = digits.find_first_of("0123456789");
	if (begin == std::string::npos) {
		return digits;
	}
	std::size_t end = digits.find_first_not_of("0123456789", begin);
	if (end == std::string::npos) {
		end = digits.size();
	}
	std::string grouped = digits.substr(0, begin);
	for (std::size_t i = begin; i < end; i++) {
		grouped += digits[i];
		std::size_t remaining = end - i - 1;
		if (remaining > 0 && remaining % 3 == 0) {
			grouped += ',';
		}
	}
	return grouped + digits.substr(end);
}

//! Pads `text` to the part's width: spaces on the left or, with "-", on the right, or zeros
//! after the sign and any "0x" prefix with "0".
void Pad(const FormatPart &part, std::string &text) {
	if (text.size() >= part.width) {
		return;
	}
	std::size_t fill = part.width - text.size();
	if (part.left_justify) {
		text.append(fill, ' ');
	} else if (part.zero_pad && IsNumericConversion(part.conversion)) {
		std::size_t digits = text.find_first_of("0123456789");
		if (digits != std::string::npos && text.compare(digits, 2, "0x") != 0 && text.compare(digits, 2, "0X") != 0) {
			text.insert(digits, fill, '0');
		} else {
			text.insert(digits == std::string::npos ? 0 : digits + 2, fill, '0');
		}
	} else {
		text.insert(0, fill, ' ');
	}
}

//! A finite non-negative double as decimal digits: value = 0.d1 d2 d3 ... x 10^point.
struct DecimalDigits {
	std::string digits;
	int point = 0;
};

//! Returns the shortest digits that read back to `value`, which is what Java rounds from.
DecimalDigits ShortestDigits(double value) {
	std::array<char, 64> buffer;
	auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific).ptr;
	std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
	std::size_t exponent_at = text.find('e');

	DecimalDigits decimal;
	for (char c : text.substr(0, exponent_at)) {
		if (c != '.') {
			decimal.digits += c;
		}
	}
	decimal.point = std::stoi(std::string(text.substr(exponent_at + 1))) + 1;
	return decimal;
}

//! Keeps the first `keep` digits, rounding half up as Java's Formatter does (0.125 with two
//! decimals is 0.13, where C's printf gives 0.12).
void RoundHalfUp(DecimalDigits &decimal, int keep) {
	if (keep < 0) {
		decimal = {"0", 1};
		return;
	}
	if (static_cast<std::size_t>(keep) >= decimal.digits.size()) {
		return;
	}
	bool round_up = decimal.digits[static_cast<std::size_t>(keep)] >= '5';
	decimal.digits.resize(static_cast<std::size_t>(keep));
	for (int i = keep - 1; round_up && i >= 0; i--) {
		char &digit = decimal.digits[static_cast<std::size_t>(i)];
		round_up = digit == '9';
		digit = round_up ? '0' : static_cast<char>(digit + 1);
	}
	if (round_up) {
		decimal.digits.insert(decimal.digits.begin(), '1');
		decimal.point++;
	}
	if (decimal.digits.empty()) {
		decimal = {"0", 1};
	}
}

//! Returns digit `index` of `decimal`, or '0' past its end.
char DigitAt(const DecimalDigits &decimal, int index) {
	return index >= 0 && static_cast<std::size_t>(index) < decimal.digits.size()
	           ? decimal.digits[static_cast<std::size_t>(index)]
	           : '0';
}

std::string RenderFixed(const DecimalDigits &decimal, int precision, bool force_point) {
	std::string out;
	for (int i = 0; i < std::max(decimal.point, 1); i++) {
		out += decimal.point <= 0 ? '0' : DigitAt(decimal, i);
	}
	if (precision > 0 || force_point) {
		out += '.';
	}
	for (int i = 0; i < precision; i++) {
		out += DigitAt(decimal, decimal.point + i);
	}
	return out;
}

std::string RenderScientific(const DecimalDigits &decimal, int precision, bool force_point, char e) {
	std::string out(1, DigitAt(decimal, 0));
	if (precision > 0 || force_point) {
		out += '.';
	}
	for (int i = 1; i <= precision; i++) {
		out += DigitAt(decimal, i);
	}
	bool zero = decimal.digits.find_first_not_of('0') == std::string::npos;
	int exponent = zero ? 0 : decimal.point - 1;
	return out + fmt::format("{}{}{:02}", e, exponent < 0 ? '-' : '+', std::abs(exponent));
}

//! Formats a finite non-negative value for %f, %e, %E, %g or %G as Java does: %g picks fixed
//! notation for 10^-4 <= value < 10^precision after rounding, and keeps trailing zeros.
std::string FormatFloatingPoint(const FormatPart &part, double magnitude) {
	int precision = part.precision < 0 ? 6 : part.precision;
	DecimalDigits decimal = ShortestDigits(magnitude);
	bool zero = magnitude == 0;
	switch (part.conversion) {
	case 'f':
		RoundHalfUp(decimal, decimal.point + precision);
		return RenderFixed(decimal, precision, part.alternate);
	case 'e':
	case 'E':
		RoundHalfUp(decimal, precision + 1);
		return RenderScientific(decimal, precision, part.alternate, part.conversion);
	default: {
		precision = std::max(precision, 1);
		RoundHalfUp(decimal, precision);
		bool fixed = zero || (decimal.point >= -3 && decimal.point <= precision);
		if (fixed) {
			int fraction = zero ? precision - 1 : precision - decimal.point;
			return RenderFixed(decimal, fraction, part.alternate);
		}
		return RenderScientific(decimal, precision - 1, part.alternate, part.conversion == 'G' ? 'E' : 'e');
	}
	}
}

//! Returns the sign a non-negative number gets: "+" with the + flag, " " with the space flag.
std::string PositiveSign(const FormatPart &part) {
	if (part.plus) {
		return "+";
	}
	return part.space ? " " : "";
}

//! Formats a number for a numeric conversion. Returns false when the conversion cannot take it.
bool FormatNumberPart(const FormatPart &part, double value, std::string &out) {
	std::string spec = PositiveSign(part);
	if (part.alternate) {
		spec += '#';
	}

	switch (part.conversion) {
	case 'd': {
		if (!std::isfinite(value) || std::trunc(value) != value) {
			return false;
		}
		out = fmt::format(fmt::runtime("{:" + spec + "d}"), static_cast<std::int64_t>(value));
		return true;
	}
	case 'o':
	case 'x':
	case 'X': {
		if (!std::isfinite(value) || std::trunc(value) != value) {
			return false;
		}
		// Java prints a negative long in two's complement, with no sign.
		auto bits = static_cast<std::uint64_t>(static_cast<std::int64_t>(value));
		// Java's alternate form is "0x" or "0X" for hex, as in fmt, but a bare "0" for octal.
		if (part.conversion == 'o') {
			out = fmt::format("{}{:o}", part.alternate ? "0" : "", bits);
		} else {
			out = fmt::format(fmt::runtime(std::string("{:") + (part.alternate ? "#" : "") + part.conversion + "}"), bits);
		}
		return true;
	}
	default: {
		std::string sign = std::signbit(value) ? "-" : PositiveSign(part);
		if (!std::isfinite(value)) {
			out = std::isnan(value) ? "NaN" : sign + "Infinity";
			return true;
		}
		out = sign + FormatFloatingPoint(part, std::fabs(value));
		return true;
	}
	}
}

//! Formats one conversion of `value` at `row`. Returns false when the conversion cannot take it.
bool FormatPartAt(const FormatPart &part, const Vector &value, sel_t row, DataChunk &chunk, std::string &out) {
	char conversion = part.conversion;
	bool upper = conversion == 'S' || conversion == 'B' || conversion == 'C';
	if (conversion == 'b' || conversion == 'B') {
		// Java prints a boolean's value and "true" for any other non-null value.
		bool is_false = value.type() == LogicalType::kBoolean && !value.booleans()[row];
		out = is_false ? "false" : "true";
	} else if (conversion == 's' || conversion == 'S') {
		out = ValueAsText(value, row, chunk);
	} else if (conversion == 'c' || conversion == 'C') {
		if (value.type() != LogicalType::kString || value.strings()[row].size() != 1) {
			return false;
		}
		out = std::string(value.strings()[row]);
	} else if (value.type() != LogicalType::kNumber ||
	           !FormatNumberPart(part, value.numbers()[row], out)) {
		return false;
	}

	if ((conversion == 's' || conversion == 'S' || conversion == 'b' || conversion == 'B') && part.precision >= 0 &&
	    out.size() > static_cast<std::size_t>(part.precision)) {
		out.resize(static_cast<std::size_t>(part.precision));
	}
	if (upper) {
		for (char &c : out) {
			c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
		}
	}
	if (part.grouping && (conversion == 'd' || conversion == 'f' || conversion == 'g' || conversion == 'G')) {
		out = GroupThousands(out);
	}
	Pad(part, out);
	return true;
}

void Format(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
            Vector &result, FunctionContext &context) {
	const auto *data = static_cast<const FormatData *>(context.data);
	std::span<const Vector *const> values = arguments.subspan(1);
	std::vector<FormatPart> row_parts;
	std::string text;
	std::string piece;

	result.SetType(LogicalType::kString);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool ok = IsValidAt(*arguments[0], row);
		const std::vector<FormatPart> *parts = data ? &data->parts : &row_parts;
		if (ok && !data) {
			ok = ParsePattern(ValueAsText(*arguments[0], row, context.chunk), values.size(), row_parts).empty();
		}

		text.clear();
		for (std::size_t p = 0; ok && p < parts->size(); p++) {
			const FormatPart &part = (*parts)[p];
			if (part.conversion == 0) {
				text += part.literal;
				continue;
			}
			const Vector &value = *values[part.argument];
			ok = IsValidAt(value, row) && FormatPartAt(part, value, row, context.chunk, piece);
			text += piece;
		}

		result.validity().Set(row, ok);
		if (!ok) {
			context.chunk.RequestDrop(row);
			context.stats.rows_dropped++;
			continue;
		}
		result.strings()[row] = context.chunk.heap.AddString(text);
	}
}

std::unique_ptr<FunctionData> BindFormat(const FunctionBindInput &input) {
	if (!input.constants[0]) {
		return nullptr;
	}
	auto data = std::make_unique<FormatData>();
	std::string error = ParsePattern(*input.constants[0], input.constants.size() - 1, data->parts);
	if (!error.empty()) {
		throw FunctionBindError(0, "invalid format pattern: " + error,
		                        "use Java format specifiers such as %s, %d, %.2f or %2$s, one value for each");
	}
	return data;
}

constexpr std::array kFunctions = {
    ScalarFunction {"format", 1, 17, Format, BindFormat},
};

} // namespace

std::span<const ScalarFunction> FormatFunctions() {
	return kFunctions;
}

} // namespace sumoql
