#include "grammar/diagnostic.hpp"

#include "grammar/diagnostic_codes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace sumoql {

namespace {

std::string_view SourceLineAt(std::string_view query_text, std::uint32_t offset) {
	const std::size_t clamped = std::min<std::size_t>(offset, query_text.size());

	const std::size_t previous_newline = clamped == 0 ? std::string_view::npos
	                                                  : query_text.rfind('\n', clamped - 1);
	const std::size_t begin = previous_newline == std::string_view::npos ? 0 : previous_newline + 1;

	std::size_t end = query_text.find('\n', clamped);
	if (end == std::string_view::npos) {
		end = query_text.size();
	}
	if (end > begin && query_text[end - 1] == '\r') {
		--end;
	}
	return query_text.substr(begin, end - begin);
}

// Builds the line under the source line. Tabs are copied so that the caret lines up in any tab
// width, and UTF-8 continuation bytes are skipped because the terminal draws one cell for the
// whole character.
std::string CaretLine(std::string_view source_line, std::uint32_t column, std::uint32_t length) {
	std::string caret_line;
	const std::size_t prefix = column > 0 ? column - 1 : 0;
	for (std::size_t index = 0; index < prefix && index < source_line.size(); ++index) {
		const auto byte = static_cast<unsigned char>(source_line[index]);
		if (byte == '\t') {
			caret_line += '\t';
		} else if ((byte & 0xC0) != 0x80) {
			caret_line += ' ';
		}
	}
	if (prefix > source_line.size()) {
		caret_line.append(prefix - source_line.size(), ' ');
	}

	caret_line += '^';

	// The underline stops at the end of the line for a span that continues on later lines.
	const std::size_t line_rest = source_line.size() > prefix ? source_line.size() - prefix : 0;
	const std::size_t underline = std::min<std::size_t>(length, line_rest);
	if (underline > 1) {
		caret_line.append(underline - 1, '~');
	}
	return caret_line;
}

} // namespace

const char *DiagnosticKindName(DiagnosticKind kind) {
	switch (kind) {
	case DiagnosticKind::kSyntax:
		return "syntax";
	case DiagnosticKind::kUnsupported:
		return "unsupported";
	case DiagnosticKind::kUnimplemented:
		return "unimplemented";
	case DiagnosticKind::kSemantic:
		return "semantic";
	case DiagnosticKind::kExtension:
		return "extension";
	case DiagnosticKind::kParameter:
		return "parameter";
	}
	return "unknown";
}

QueryError::QueryError(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {
}

const char *QueryError::what() const noexcept {
	if (diagnostics_.empty()) {
		return "invalid query";
	}
	return diagnostics_.front().message.c_str();
}

std::string RenderDiagnostic(const Diagnostic &diagnostic, std::string_view source_name,
                             std::string_view query_text) {
	const char *severity = diagnostic.severity == Severity::kError ? "error" : "warning";
	const SourceSpan &span = diagnostic.span;
	const std::string_view source_line = SourceLineAt(query_text, span.offset);

	std::string rendered = fmt::format("{}:{}:{}: {} {}: {}\n", source_name, span.line, span.column,
	                                   severity, CodeOf(diagnostic), diagnostic.message);
	rendered += source_line;
	rendered += '\n';
	rendered += CaretLine(source_line, span.column, span.length);
	rendered += '\n';

	if (!diagnostic.hint.empty()) {
		rendered += fmt::format("hint: {}\n", diagnostic.hint);
	}
	return rendered;
}

} // namespace sumoql
