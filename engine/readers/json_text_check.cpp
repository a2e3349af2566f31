#include "engine/readers/json_text_check.hpp"

#include <nlohmann/json.hpp>

namespace sumoql {

namespace {

bool IsDigit(char c) {
	return c >= '0' && c <= '9';
}

//! Skips a run of digits from `at`; returns false when there is none.
bool SkipDigits(std::string_view text, std::size_t &at) {
	std::size_t start = at;
	while (at < text.size() && IsDigit(text[at])) {
		at++;
	}
	return at > start;
}

} // namespace

simdjson::error_code JsonTextCheck::Check(std::string_view text, std::size_t capacity) {
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

bool IsJsonNumber(std::string_view token) {
	std::size_t at = 0;
	if (at < token.size() && token[at] == '-') {
		at++;
	}
	if (at < token.size() && token[at] == '0') {
		at++;
	} else if (!SkipDigits(token, at)) {
		return false;
	}
	if (at < token.size() && token[at] == '.') {
		at++;
		if (!SkipDigits(token, at)) {
			return false;
		}
	}
	if (at < token.size() && (token[at] == 'e' || token[at] == 'E')) {
		at++;
		if (at < token.size() && (token[at] == '+' || token[at] == '-')) {
			at++;
		}
		if (!SkipDigits(token, at)) {
			return false;
		}
	}
	return at == token.size();
}

simdjson::error_code CheckJsonScalar(simdjson::ondemand::json_type type, std::string_view token) {
	switch (type) {
	case simdjson::ondemand::json_type::number:
		return IsJsonNumber(token) ? simdjson::SUCCESS : simdjson::NUMBER_ERROR;
	case simdjson::ondemand::json_type::boolean:
		return token == "true" || token == "false" ? simdjson::SUCCESS : simdjson::T_ATOM_ERROR;
	case simdjson::ondemand::json_type::null:
		return token == "null" ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
	default:
		return simdjson::SUCCESS;
	}
}

} // namespace sumoql
