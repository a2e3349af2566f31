#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sumoql {

// Word-at-a-time scans over JSON string bytes. They load 8 bytes at a time, so the caller
// guarantees that the 8 bytes after `end` are readable, as simdjson's padding makes them.

namespace json_string_scan_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

//! Returns a word whose lowest set bit marks the first byte of `word` equal to `byte`, in memory
//! order. Bits above the first match may be wrong, so only the lowest one is used.
inline std::uint64_t FirstByteMask(std::uint64_t word, char byte) {
	std::uint64_t x = word ^ (kOnes * static_cast<unsigned char>(byte));
	return (x - kOnes) & ~x & kHighBits;
}

inline std::uint64_t LoadWord(const char *at) {
	std::uint64_t word;
	std::memcpy(&word, at, sizeof(word));
	return word;
}

} // namespace json_string_scan_detail

//! Returns the first byte in [begin, end) that is `first` or `second`, or `end`.
inline const char *FindEitherByte(const char *begin, const char *end, char first, char second) {
	using namespace json_string_scan_detail;
	if constexpr (std::endian::native == std::endian::little) {
		for (const char *at = begin; at < end; at += 8) {
			std::uint64_t word = LoadWord(at);
			std::uint64_t mask = FirstByteMask(word, first) | FirstByteMask(word, second);
			if (mask != 0) {
				const char *found = at + std::countr_zero(mask) / 8;
				return found < end ? found : end;
			}
		}
		return end;
	}
	for (const char *at = begin; at < end; at++) {
		if (*at == first || *at == second) {
			return at;
		}
	}
	return end;
}

//! Returns the first byte in [begin, end) equal to `byte`, or `end`.
inline const char *FindByte(const char *begin, const char *end, char byte) {
	return FindEitherByte(begin, end, byte, byte);
}

//! The outcome of checking the escapes of a JSON string without unescaping it.
enum class EscapeCheck {
	//! Every escape is one of JSON's two-character escapes, or there is none.
	kValid,
	//! A backslash is followed by a character that no JSON escape starts with.
	kInvalid,
	//! The string has a `\u` escape, whose digits and surrogate pairs need a full check.
	kUnicodeEscape,
};

//! Checks the escapes in `text`, the bytes between a string's quotes.
inline EscapeCheck CheckSimpleEscapes(std::string_view text) {
	const char *end = text.data() + text.size();
	for (const char *at = FindByte(text.data(), end, '\\'); at < end; at = FindByte(at + 2, end, '\\')) {
		switch (at + 1 < end ? at[1] : '\0') {
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			continue;
		case 'u':
			return EscapeCheck::kUnicodeEscape;
		default:
			return EscapeCheck::kInvalid;
		}
	}
	return EscapeCheck::kValid;
}

} // namespace sumoql
