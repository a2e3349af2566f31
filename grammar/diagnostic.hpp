#pragma once

#include "grammar/source_span.hpp"

#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sumoql {

enum class Severity { kWarning, kError };

//! The category of a diagnostic, so that tools can count each kind separately.
enum class DiagnosticKind {
	//! The text does not follow the query grammar.
	kSyntax,
	//! The query uses an operator or construct that sumoql recognises but cannot run locally,
	//! such as one that needs Sumo Logic's hosted data.
	kUnsupported,
	//! The query uses a Sumo Logic operator that sumoql does not implement yet.
	kUnimplemented,
	//! The query parses, but a check after parsing failed: an unknown function, an invalid regex.
	kSemantic,
	//! A construct that sumoql accepts but real Sumo Logic rejects.
	kExtension,
	//! A template parameter such as `{{name}}` or `$$name` that has no value.
	kParameter,
};

//! The lower-case name of `kind`, as `sumoql check --format json` prints it.
const char *DiagnosticKindName(DiagnosticKind kind);

//! A message about a place in the query text, rendered the way compilers do:
//!
//!   query.sumo:2:20: error SQ1001: expected an alias list after 'as'
//!   | parse "user=*" as
//!                      ^
//!   hint: name one field for each '*' in the pattern
struct Diagnostic {
	Diagnostic() = default;
	Diagnostic(Severity severity, SourceSpan span, std::string message, std::string hint = {},
	           DiagnosticKind kind = DiagnosticKind::kSemantic, std::string construct = {})
	    : severity(severity), span(span), message(std::move(message)), hint(std::move(hint)), kind(kind),
	      construct(std::move(construct)) {
	}

	Severity severity = Severity::kError;
	SourceSpan span;
	std::string message;
	//! Advice on how to fix the problem, or empty when there is nothing useful to add.
	std::string hint;
	DiagnosticKind kind = DiagnosticKind::kSemantic;
	//! The operator or construct that a kUnsupported or kUnimplemented diagnostic is about.
	std::string construct;
	//! A stable code such as `SQ2001` (see grammar/diagnostic_codes.hpp), or empty for the
	//! general code of `kind`.
	std::string code;
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

//! Renders `diagnostic` as FILE:LINE:COL, severity and code, the source line and a caret, then the hint if any.
//! `query_text` is the whole query; `source_name` is the file name or `<query>`.
std::string RenderDiagnostic(const Diagnostic &diagnostic, std::string_view source_name,
                             std::string_view query_text);

} // namespace sumoql
