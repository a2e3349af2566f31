#pragma once

#include "testing/test_case.hpp"

#include <yaml-cpp/yaml.h>

#include <string_view>

namespace sumoql {

//! Finds the text of one block-style map entry: from its key to the end of its value. The span
//! ends at the start of the line of the next node that is not indented deeper than the key, and
//! the blank and comment lines just before that node stay outside it, because they belong to
//! what follows. `text` is the document's text and `root` its parsed tree.
TextSpan FindEntrySpan(std::string_view text, const YAML::Node &root, const YAML::Node &key);

} // namespace sumoql
