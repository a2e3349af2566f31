#pragma once

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/template_parameters.hpp"

#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

namespace sumoql {

//! A query as the user gave it: its text, the name diagnostics show for it, and the text with
//! its template parameters filled, which is what gets parsed.
struct QueryText {
	std::string source_name;
	std::string text;
	FilledQuery filled;
};

//! The output form of diagnostics: rendered with a caret on stderr, or one JSON object per line
//! on stdout.
enum class DiagnosticFormat { kText, kJson };

//! Returns `text` with the template parameters that `values` names filled in.
QueryText MakeQueryText(std::string source_name, std::string text,
                        const std::map<std::string, std::string> &values);

//! Reads a query file and fills its template parameters. Throws InputError when it cannot be read.
QueryText ReadQueryFile(const std::string &path, const std::map<std::string, std::string> &values = {});

//! Describes each parameter of `query` that has no value. `severity` is kError for a run, which
//! cannot go on, and kWarning for a check, which parses the query with a stand-in field name.
std::vector<Diagnostic> DescribeUnfilledParameters(const QueryText &query, Severity severity);

//! Parses the filled text of `query` into `parsed`. Adds the parse error, or the extension
//! warnings (errors under `strict`), to `diagnostics`. Returns false when the query has an error.
bool ParseQueryText(const QueryText &query, bool strict, ast::Query &parsed,
                    std::vector<Diagnostic> &diagnostics);

//! Prints `diagnostics`, whose spans are in the filled text, at their places in the written text.
void PrintDiagnostics(const QueryText &query, const std::vector<Diagnostic> &diagnostics,
                      DiagnosticFormat format = DiagnosticFormat::kText);

//! Returns true when any of `diagnostics` is an error.
bool HasError(const std::vector<Diagnostic> &diagnostics);

//! Adds the `--param NAME=VALUE` option to `command`, filling `values`.
void AddParameterOption(CLI::App &command, std::map<std::string, std::string> &values);

} // namespace sumoql
