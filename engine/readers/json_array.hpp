#pragma once

#include <cstddef>
#include <string_view>

namespace sumoql {

//! Returns the position just past the array element that starts at `start` in `text`: the ','
//! or ']' that follows it at its own depth, or the end of `text`. The scan tracks nesting and
//! skips strings and their escapes but does not check the element's syntax, so a bad or
//! truncated element still ends at the next top-level ',' and the elements after it can be read.
inline std::size_t FindArrayElementEnd(std::string_view text, std::size_t start) {
	int depth = 0;
	bool in_string = false;
	std::size_t position = start;
	for (; position < text.size(); position++) {
		char c = text[position];
		if (in_string) {
			if (c == '\\') {
				position++;
			} else if (c == '"') {
				in_string = false;
			}
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0) {
				break; // the ']' that closes the array
			}
			depth--;
		} else if (c == ',' && depth == 0) {
			break;
		}
	}
	return position < text.size() ? position : text.size();
}

} // namespace sumoql
