// urlencode(s) and urldecode(s), with the rules of Java's URLEncoder and URLDecoder for UTF-8.
// Encoding keeps ASCII letters, digits and ". - * _", writes a space as "+", and writes every
// other byte of the UTF-8 text as %XX with capital hex digits: urlencode("a b/c") is "a+b%2Fc".
// Decoding turns "+" into a space and %XX into its byte. Text with a malformed % sequence, which
// Java rejects, is returned unchanged and counted for the run summary. A null value gives null.

#include "engine/functions/row_executor.hpp"

#include <array>

namespace sumoql {

namespace {

bool IsKeptByUrlEncoding(char c) {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
	       c == '*' || c == '_';
}

int HexValue(char c) {
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

void UrlEncode(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
               Vector &result, FunctionContext &context) {
	static constexpr char kHexDigits[] = "0123456789ABCDEF";
	std::string encoded;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::string_view text = ValueAsText(*arguments[0], row, context.chunk);
		encoded.clear();
		for (char c : text) {
			auto byte = static_cast<unsigned char>(c);
			if (IsKeptByUrlEncoding(c)) {
				encoded += c;
			} else if (c == ' ') {
				encoded += '+';
			} else {
				encoded += '%';
				encoded += kHexDigits[byte >> 4];
				encoded += kHexDigits[byte & 0xF];
			}
		}
		result.strings()[row] = context.chunk.heap.AddString(encoded);
		return true;
	});
}

//! Decodes `text` into `out`; returns false for a '%' not followed by two hex digits.
bool DecodeUrl(std::string_view text, std::string &out) {
	out.clear();
	for (std::size_t i = 0; i < text.size(); i++) {
		char c = text[i];
		if (c == '+') {
			out += ' ';
			continue;
		}
		if (c != '%') {
			out += c;
			continue;
		}
		if (i + 2 >= text.size()) {
			return false;
		}
		int high = HexValue(text[i + 1]);
		int low = HexValue(text[i + 2]);
		if (high < 0 || low < 0) {
			return false;
		}
		out += static_cast<char>(high << 4 | low);
		i += 2;
	}
	return true;
}

void UrlDecode(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
               Vector &result, FunctionContext &context) {
	std::string decoded;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::string_view text = ValueAsText(*arguments[0], row, context.chunk);
		if (DecodeUrl(text, decoded)) {
			result.strings()[row] = context.chunk.heap.AddString(decoded);
		} else {
			context.stats.invalid_arguments++;
			result.strings()[row] = text;
		}
		return true;
	});
}

constexpr std::array kFunctions = {
    ScalarFunction {"urlencode", 1, 1, UrlEncode},
    ScalarFunction {"urldecode", 1, 1, UrlDecode},
};

} // namespace

std::span<const ScalarFunction> UrlFunctions() {
	return kFunctions;
}

} // namespace sumoql
