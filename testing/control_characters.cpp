#include "testing/control_characters.hpp"

#include <fmt/format.h>

namespace sumoql {

std::string EscapeControlCharacters(std::string_view text) {
	std::string escaped;
	escaped.reserve(text.size());
	for (char c : text) {
		auto byte = static_cast<unsigned char>(c);
		if (byte < 0x20 || byte == 0x7F) {
			escaped += fmt::format("\\u{:04x}", byte);
		} else {
			escaped += c;
		}
	}
	return escaped;
}

} // namespace sumoql
