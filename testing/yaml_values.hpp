#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <string>

namespace sumoql {

// Test files are YAML, and events and result rows are JSON. A quoted YAML scalar is always a
// string. A plain scalar is null when it is empty, `~` or `null`; a boolean when it is `true` or
// `false` (in any of YAML's three spellings); a number when it is a JSON number; and a string
// otherwise. So `EventID: 3` is the number 3, `EventID: "3"` the string "3", and
// `Image: C:\Windows\System32\cmd.exe` the path as written, because YAML reads backslashes
// literally outside double quotes.

//! Writes `node` as one line of JSON. A number keeps the exact text the author wrote.
std::string YamlToJsonText(const YAML::Node &node);

//! Converts `node` to a JSON value.
nlohmann::ordered_json YamlToJson(const YAML::Node &node);

//! Writes `value` as a YAML flow value that YamlToJson reads back as the same value.
std::string JsonToYamlFlow(const nlohmann::ordered_json &value);

} // namespace sumoql
