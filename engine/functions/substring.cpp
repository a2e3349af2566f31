// Functions that count characters. A character is a Unicode code point of the UTF-8 text.
// NOTE: Java, and so Sumo, counts UTF-16 code units, so a character outside the Basic
// Multilingual Plane, such as an emoji, counts 2 there and 1 here.
//
// length(s): the number of characters; null gives 0. A number counts the characters of its text.
//
// substring(s, start[, end]): the characters from `start` (0-based) up to but not including
// `end`, or to the end of the text when `end` is missing or past it. substring("Sumo Logic", 0, 4)
// is "Sumo". A negative start, an end before the start or a start past the end of the text is
// invalid: with literal arguments that is a query error, otherwise the value is null and counted
// for the run summary. A null text gives null.

#include "engine/functions/row_executor.hpp"

#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace sumoql {

namespace {

bool IsContinuationByte(char byte) {
	return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

std::size_t CountCharacters(std::string_view text) {
	std::size_t characters = 0;
	for (char byte : text) {
		characters += IsContinuationByte(byte) ? 0 : 1;
	}
	return characters;
}

//! Returns the byte offset of character `index`, or text.size() when the text is shorter.
std::size_t ByteOffsetOfCharacter(std::string_view text, std::size_t index) {
	std::size_t seen = 0;
	for (std::size_t offset = 0; offset < text.size(); offset++) {
		if (IsContinuationByte(text[offset])) {
			continue;
		}
		if (seen == index) {
			return offset;
		}
		seen++;
	}
	return text.size();
}

void Length(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
            Vector &result, FunctionContext &context) {
	const Vector &input = *arguments[0];
	result.SetType(LogicalType::kNumber);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		std::size_t characters = IsValidAt(input, row) ? CountCharacters(ValueAsText(input, row, context.chunk)) : 0;
		result.numbers()[row] = static_cast<double>(characters);
		result.validity().SetValid(row);
	}
}

bool ReadIndex(const Vector &input, sel_t row, double &index) {
	return ReadNumberAt(input, row, index) && std::trunc(index) == index;
}

void Substring(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
               Vector &result, FunctionContext &context) {
	const Vector &input = *arguments[0];
	const Vector &start_vector = *arguments[1];
	const Vector *end_vector = arguments.size() > 2 ? arguments[2] : nullptr;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::string_view text = ValueAsText(input, row, context.chunk);
		double start;
		double end = std::numeric_limits<double>::infinity();
		bool valid = ReadIndex(start_vector, row, start) && (!end_vector || ReadIndex(*end_vector, row, end));
		valid = valid && start >= 0 && end >= start && start <= static_cast<double>(CountCharacters(text));
		if (!valid) {
			context.stats.invalid_arguments++;
			return false;
		}

		std::size_t begin_byte = ByteOffsetOfCharacter(text, static_cast<std::size_t>(start));
		std::size_t end_byte = std::isinf(end) ? text.size() : ByteOffsetOfCharacter(text, static_cast<std::size_t>(end));
		result.strings()[row] = text.substr(begin_byte, end_byte - begin_byte);
		return true;
	});
}

//! Rejects literal positions that can never be valid, at plan time.
std::unique_ptr<FunctionData> BindSubstring(const FunctionBindInput &input) {
	double start = 0;
	bool start_known = input.constants[1] && ParseNumber(*input.constants[1], start);
	if (input.constants[1] && (!start_known || start < 0 || std::trunc(start) != start)) {
		throw FunctionBindError(1, "substring() start must be a whole number of 0 or more",
		                        "count characters from 0, as in substring(s, 0, 4)");
	}
	if (input.constants.size() < 3 || !input.constants[2]) {
		return nullptr;
	}
	double end = 0;
	if (!ParseNumber(*input.constants[2], end) || std::trunc(end) != end) {
		throw FunctionBindError(2, "substring() end must be a whole number", "the end position is exclusive");
	}
	if (start_known && end < start) {
		throw FunctionBindError(2, fmt::format("substring() end {} is before start {}", end, start),
		                        "give an end of at least the start; the end position is exclusive");
	}
	return nullptr;
}

constexpr std::array kFunctions = {
    ScalarFunction {"length", 1, 1, Length},
    ScalarFunction {"substring", 2, 3, Substring, BindSubstring},
};

} // namespace

std::span<const ScalarFunction> SubstringFunctions() {
	return kFunctions;
}

} // namespace sumoql
