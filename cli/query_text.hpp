#pragma once

#include "grammar/ast.hpp"

#include <string>
#include <vector>

namespace sumoql {

//! A query as the user gave it: its text and the name diagnostics show for it.
struct QueryText {
	std::string source_name;
	std::string text;
};

//! Reads a query file. Throws InputError when it cannot be read.
QueryText ReadQueryFile(const std::string &path);

//! Parses `query` and prints its extension warnings (errors under `strict`) to stderr.
//! Returns false, after printing the diagnostics, when the query has an error.
bool ParseAndReport(const QueryText &query, bool strict, ast::Query &parsed);

//! Prints `diagnostics` for `query` to stderr.
void PrintDiagnostics(const QueryText &query, const std::vector<struct Diagnostic> &diagnostics);

} // namespace sumoql
