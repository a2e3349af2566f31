// base64Encode(s[, encoding]) and base64Decode(s[, encoding]), with the standard alphabet of
// RFC 4648. The encoding names the character set of the encoded bytes: US-ASCII, UTF-8 (the
// default), UTF-16, UTF-16BE, UTF-16LE, UTF-32, UTF-32BE or UTF-32LE. Decoded bytes that are
// invalid in it become U+FFFD, as in Java's String constructor.
//
// As Sumo documents, text that is not valid base64 is returned unchanged:
// base64Decode("not*b64") is "not*b64". As in Java's basic decoder, "=" padding may be left out,
// but whitespace and line breaks are invalid. A null value gives null.
//
// OpenSSL's EVP_EncodeBlock and EVP_DecodeBlock do the base64 work, and ICU's converters the
// character sets, so neither is written here by hand.

#include "engine/functions/row_executor.hpp"
#include "engine/types/ascii.hpp"

#include <openssl/evp.h>
#include <unicode/ucnv.h>

#include <fmt/format.h>

#include <array>
#include <string>

namespace sumoql {

namespace {

constexpr std::array<std::string_view, 8> kEncodings = {"US-ASCII", "UTF-8",    "UTF-16",   "UTF-16BE",
                                                       "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE"};

//! Returns true when `name` is one of kEncodings, in any letter case.
bool IsKnownEncoding(std::string_view name) {
	for (std::string_view encoding : kEncodings) {
		if (EqualsIgnoringCase(encoding, name)) {
			return true;
		}
	}
	return false;
}

//! Converts `input` from character set `from` to `to` with ICU. Returns false when ICU fails.
bool ConvertCharset(const char *to, const char *from, std::string_view input, std::string &out) {
	// UTF-32 needs 4 bytes for each input byte in the worst case, and ICU writes a BOM for UTF-16
	// and UTF-32.
	out.resize(input.size() * 4 + 8);
	UErrorCode status = U_ZERO_ERROR;
	int32_t length = ucnv_convert(to, from, out.data(), static_cast<int32_t>(out.size()), input.data(),
	                              static_cast<int32_t>(input.size()), &status);
	if (U_FAILURE(status)) {
		return false;
	}
	out.resize(static_cast<std::size_t>(length));
	return true;
}

bool IsBase64Character(char c) {
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

//! Decodes standard base64 into `out`; returns false for text that is not valid base64.
bool DecodeBase64(std::string_view text, std::string &out) {
	std::size_t padding = 0;
	while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
		padding++;
	}
	std::string_view body = text.substr(0, text.size() - padding);
	for (char c : body) {
		if (!IsBase64Character(c)) {
			return false;
		}
	}
	// One leftover character cannot hold a byte, and padding only completes a group of four.
	if (body.size() % 4 == 1 || (padding > 0 && text.size() % 4 != 0)) {
		return false;
	}

	std::string padded(body);
	padded.append((4 - body.size() % 4) % 4, '=');
	out.resize(padded.size() / 4 * 3);
	int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
	                              reinterpret_cast<const unsigned char *>(padded.data()),
	                              static_cast<int>(padded.size()));
	if (decoded < 0) {
		return false;
	}
	out.resize(static_cast<std::size_t>(decoded) - (padded.size() - body.size()));
	return true;
}

std::string EncodeBase64(std::string_view bytes) {
	std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
	int length = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
	                             reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<int>(bytes.size()));
	out.resize(static_cast<std::size_t>(length));
	return out;
}

//! Reads the encoding argument of `row`, or UTF-8 when it is absent.
std::string ReadEncoding(std::span<const Vector *const> arguments, sel_t row, DataChunk &chunk) {
	return arguments.size() > 1 ? std::string(ValueAsText(*arguments[1], row, chunk)) : std::string("UTF-8");
}

void Base64Decode(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                  Vector &result, FunctionContext &context) {
	std::string bytes;
	std::string text;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::string_view input = ValueAsText(*arguments[0], row, context.chunk);
		std::string encoding = ReadEncoding(arguments, row, context.chunk);
		if (!IsKnownEncoding(encoding)) {
			context.stats.invalid_arguments++;
			return false;
		}
		if (DecodeBase64(input, bytes) && ConvertCharset("UTF-8", encoding.c_str(), bytes, text)) {
			result.strings()[row] = context.chunk.heap.AddString(text);
		} else {
			result.strings()[row] = input;
		}
		return true;
	});
}

void Base64Encode(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                  Vector &result, FunctionContext &context) {
	std::string bytes;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::string_view input = ValueAsText(*arguments[0], row, context.chunk);
		std::string encoding = ReadEncoding(arguments, row, context.chunk);
		if (!IsKnownEncoding(encoding) || !ConvertCharset(encoding.c_str(), "UTF-8", input, bytes)) {
			context.stats.invalid_arguments++;
			return false;
		}
		result.strings()[row] = context.chunk.heap.AddString(EncodeBase64(bytes));
		return true;
	});
}

//! Rejects a literal encoding that is not in kEncodings, at plan time.
std::unique_ptr<FunctionData> BindEncoding(const FunctionBindInput &input) {
	if (input.constants.size() > 1 && input.constants[1] && !IsKnownEncoding(*input.constants[1])) {
		throw FunctionBindError(1, fmt::format("unknown encoding '{}'", *input.constants[1]),
		                        "use US-ASCII, UTF-8, UTF-16, UTF-16BE, UTF-16LE, UTF-32, UTF-32BE or UTF-32LE");
	}
	return nullptr;
}

constexpr std::array kFunctions = {
    ScalarFunction {"base64Decode", 1, 2, Base64Decode, BindEncoding},
    ScalarFunction {"base64Encode", 1, 2, Base64Encode, BindEncoding},
};

} // namespace

std::span<const ScalarFunction> Base64Functions() {
	return kFunctions;
}

} // namespace sumoql
