#pragma once

#include <string>
#include <string_view>

namespace sumoql {

//! Returns `c` with an ASCII capital letter lowered; field names and keywords compare this way.
inline char LowerAscii(char c) {
	return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

//! Returns true for a space, tab, carriage return or line feed.
inline bool IsAsciiSpace(char c) {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

//! Returns `text` without leading and trailing IsAsciiSpace characters.
inline std::string_view TrimAsciiSpace(std::string_view text) {
	while (!text.empty() && IsAsciiSpace(text.front())) {
		text.remove_prefix(1);
	}
	while (!text.empty() && IsAsciiSpace(text.back())) {
		text.remove_suffix(1);
	}
	return text;
}

//! Returns `text` with every character passed through LowerAscii.
inline std::string FoldCase(std::string_view text) {
	std::string folded(text);
	for (char &c : folded) {
		c = LowerAscii(c);
	}
	return folded;
}

//! Returns true when `a` and `b` differ at most in the case of ASCII letters.
inline bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
	if (a.size() != b.size()) {
		return false;
	}
	for (std::size_t i = 0; i < a.size(); i++) {
		if (LowerAscii(a[i]) != LowerAscii(b[i])) {
			return false;
		}
	}
	return true;
}

} // namespace sumoql
