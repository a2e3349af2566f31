#include "engine/readers/whole_event_check.hpp"

#include <nlohmann/json.hpp>

namespace sumoql {

simdjson::error_code WholeEventCheck::Check(std::string_view text, std::size_t capacity) {
	if (parser_.capacity() < text.size()) {
		if (auto code = parser_.allocate(text.size())) {
			return code;
		}
	}
	// Text without simdjson's padding after it is copied into the parser's own buffer.
	bool padded = capacity >= text.size() + simdjson::SIMDJSON_PADDING;
	auto code = parser_.parse(text.data(), text.size(), !padded).error();
	if (code != simdjson::NUMBER_ERROR) {
		return code;
	}
	return nlohmann::json::accept(text) ? simdjson::SUCCESS : code;
}

} // namespace sumoql
