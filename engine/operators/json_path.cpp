#include "engine/operators/json_path.hpp"

#include <charconv>

namespace sumoql {

namespace {

//! Reads `['key']`, `["key"]`, `[3]` or `[*]` starting at the `[` at `position`.
bool ReadBracketStep(std::string_view text, std::size_t &position, JsonPathStep &step, std::string &error) {
	std::size_t start = position + 1;
	if (start < text.size() && (text[start] == '\'' || text[start] == '"')) {
		char quote = text[start];
		std::size_t close = text.find(quote, start + 1);
		if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ']') {
			error = "a quoted key in brackets needs its closing quote and ']'";
			return false;
		}
		step.kind = JsonPathStep::Kind::kKey;
		step.key = std::string(text.substr(start + 1, close - start - 1));
		position = close + 2;
		return true;
	}

	std::size_t close = text.find(']', start);
	if (close == std::string_view::npos) {
		error = "'[' needs a closing ']'";
		return false;
	}
	std::string_view inside = text.substr(start, close - start);
	position = close + 1;
	if (inside == "*") {
		step.kind = JsonPathStep::Kind::kWildcard;
		return true;
	}
	auto result = std::from_chars(inside.data(), inside.data() + inside.size(), step.index);
	if (inside.empty() || result.ec != std::errc() || result.ptr != inside.data() + inside.size()) {
		error = "an array step takes a number, '*' or a quoted key, as in [0], [*] or ['key']";
		return false;
	}
	step.kind = JsonPathStep::Kind::kIndex;
	return true;
}

} // namespace

bool JsonPath::HasWildcard() const {
	for (const auto &step : steps) {
		if (step.kind == JsonPathStep::Kind::kWildcard) {
			return true;
		}
	}
	return false;
}

std::string JsonPath::DefaultFieldName() const {
	std::string name;
	for (const auto &step : steps) {
		switch (step.kind) {
		case JsonPathStep::Kind::kKey:
			name += name.empty() ? "" : ".";
			name += step.key;
			break;
		case JsonPathStep::Kind::kIndex:
			name += '[';
			name += std::to_string(step.index);
			name += ']';
			break;
		case JsonPathStep::Kind::kWildcard:
			name += "[*]";
			break;
		}
	}
	return name;
}

std::optional<JsonPath> ParseJsonPath(std::string_view text, std::string &error) {
	JsonPath path;
	std::size_t position = 0;
	if (text.starts_with('$')) {
		position = text.size() > 1 && text[1] == '.' ? 2 : 1;
	}

	bool expect_key = true;
	while (position < text.size()) {
		JsonPathStep step;
		if (text[position] == '[') {
			if (!ReadBracketStep(text, position, step, error)) {
				return std::nullopt;
			}
			path.steps.push_back(std::move(step));
			expect_key = false;
			continue;
		}

		if (!expect_key) {
			if (text[position] != '.') {
				error = "expected '.' or '[' after ']'";
				return std::nullopt;
			}
			position++;
		}
		std::size_t end = text.find_first_of(".[", position);
		if (end == std::string_view::npos) {
			end = text.size();
		}
		if (end == position) {
			error = "the path has an empty key; write a key with spaces or dots as ['a key']";
			return std::nullopt;
		}
		step.key = std::string(text.substr(position, end - position));
		step.kind = step.key == "*" ? JsonPathStep::Kind::kWildcard : JsonPathStep::Kind::kKey;
		path.steps.push_back(std::move(step));
		position = end;
		expect_key = false;
	}

	if (path.steps.empty()) {
		error = "the path is empty";
		return std::nullopt;
	}
	return path;
}

} // namespace sumoql
