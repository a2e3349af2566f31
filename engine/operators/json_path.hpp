#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! One step of a JSON path: an object key, an array index, or `[*]`, every array element.
struct JsonPathStep {
	enum class Kind { kKey, kIndex, kWildcard };

	Kind kind = Kind::kKey;
	std::string key;
	std::size_t index = 0;
};

//! The JSONPath subset that the `json` operator takes: `a.b`, `a[0]`, `a[*].b`, `['odd key']`,
//! `["odd key"]`, with an optional leading `$` or `$.`. Keys are compared case-sensitively.
struct JsonPath {
	std::vector<JsonPathStep> steps;

	bool HasWildcard() const;

	//! The field name the path creates without `as`: its keys joined by dots, with `[0]` or `[*]`
	//! after an array step. `a[0].b` gives `a[0].b` and `['odd key']` gives `odd key`.
	std::string DefaultFieldName() const;
};

//! Parses `text`. Returns nullopt and sets `error` to the reason when the text is not a path.
std::optional<JsonPath> ParseJsonPath(std::string_view text, std::string &error);

} // namespace sumoql
