#pragma once

#include "grammar/ast.hpp"

#include <string_view>

namespace sumoql {

//! Parses the exact text of a query into its syntax tree.
//! Throws QueryError with one diagnostic, at the first position that cannot be read, naming
//! what was expected there. For any input text it throws nothing else, apart from std::bad_alloc.
ast::Query ParseQuery(std::string_view query_text);

} // namespace sumoql
