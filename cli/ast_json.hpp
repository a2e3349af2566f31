#pragma once

#include "cli/query_text.hpp"
#include "grammar/ast.hpp"

#include <nlohmann/json.hpp>

namespace sumoql {

//! The version of the syntax tree document. It changes when a node or member is renamed or
//! removed; added members keep the version. docs/ast.md describes the document.
inline constexpr int kAstJsonVersion = 1;

//! Builds the syntax tree document of `query`, parsed from `text`, with each node's type and its
//! position in the text as the user wrote it.
nlohmann::ordered_json AstToJson(const ast::Query &query, const QueryText &text);

} // namespace sumoql
