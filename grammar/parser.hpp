#pragma once

#include "grammar/ast.hpp"

#include <string_view>

namespace sumoql {

//! Parses the exact text of a query into its syntax tree.
//! Throws QueryError with one diagnostic, at the first position that cannot be read, naming
//! what was expected there. Never throws anything else for any input text.
ast::Query ParseQuery(std::string_view query_text);

} // namespace sumoql
