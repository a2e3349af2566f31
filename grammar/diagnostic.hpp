#pragma once

#include "grammar/source_span.hpp"

#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

enum class Severity { kWarning, kError };

//! A message about a place in the query text, rendered the way compilers do:
//!
//!   query.sumo:2:20: error: expected an alias list after 'as'
//!   | parse "user=*" as
//!                      ^
//!   hint: name one field for each '*' in the pattern
struct Diagnostic {
	Severity severity = Severity::kError;
	SourceSpan span;
	std::string message;
	//! Advice on how to fix the problem, or empty when there is nothing useful to add.
	std::string hint;
};

//! Thrown by the parser and by query checks. Holds one or more diagnostics, errors first.
class QueryError : public std::exception {
public:
	explicit QueryError(std::vector<Diagnostic> diagnostics);
	const char *what() const noexcept override;
	const std::vector<Diagnostic> &diagnostics() const {
		return diagnostics_;
	}

private:
	std::vector<Diagnostic> diagnostics_;
};

//! Renders `diagnostic` as FILE:LINE:COL, the source line and a caret, then the hint if any.
//! `query_text` is the whole query; `source_name` is the file name or `<query>`.
std::string RenderDiagnostic(const Diagnostic &diagnostic, std::string_view source_name,
                             std::string_view query_text);

} // namespace sumoql
