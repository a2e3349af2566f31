#include "cli/query_text.hpp"

#include "engine/execution/field_order.hpp"
#include "engine/readers/input_error.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/diagnostic_codes.hpp"
#include "grammar/extensions.hpp"
#include "grammar/parser.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace sumoql {

QueryText MakeQueryText(std::string source_name, std::string text,
                        const std::map<std::string, std::string> &values) {
	FilledQuery filled = FillTemplateParameters(text, values);
	return {std::move(source_name), std::move(text), std::move(filled)};
}

QueryText ReadQueryFile(const std::string &path, const std::map<std::string, std::string> &values) {
	std::error_code error;
	if (std::filesystem::is_directory(path, error)) {
		throw InputError(path + ": is a directory, not a query file; give the .sumo files in it");
	}
	std::ifstream file(path, std::ios::binary);
	if (!file) {
		throw InputError(fmt::format("{}: cannot open the query file: {}", path, std::strerror(errno)));
	}
	std::ostringstream text;
	text << file.rdbuf();
	return MakeQueryText(path, text.str(), values);
}

std::vector<Diagnostic> DescribeUnfilledParameters(const QueryText &query, Severity severity) {
	std::vector<Diagnostic> diagnostics;
	for (const TemplateParameter &parameter : query.filled.unfilled) {
		Diagnostic diagnostic;
		diagnostic.severity = severity;
		diagnostic.kind = DiagnosticKind::kParameter;
		diagnostic.code = diagnostic_code::kUnfilledParameter;
		diagnostic.span = parameter.span;
		diagnostic.construct = parameter.name;
		diagnostic.message = fmt::format("template parameter '{}' has no value", parameter.text);
		diagnostic.hint = fmt::format("give it one with --param '{}=VALUE'", parameter.name);
		if (severity == Severity::kWarning) {
			const std::string stand_in = query.filled.text.substr(parameter.span.offset, parameter.span.length);
			diagnostic.hint += stand_in.front() == ' '
			                       ? std::string("; the check read it as empty text")
			                       : fmt::format("; the check read it as the field name {}", stand_in);
		}
		diagnostics.push_back(std::move(diagnostic));
	}
	return diagnostics;
}

bool ParseQueryText(const QueryText &query, bool strict, ast::Query &parsed,
                    std::vector<Diagnostic> &diagnostics) {
	try {
		parsed = ParseQuery(query.filled.text);
		AddFieldOrderFindings(parsed);
	} catch (const QueryError &error) {
		diagnostics.insert(diagnostics.end(), error.diagnostics().begin(), error.diagnostics().end());
		return false;
	}

	auto extensions = DescribeExtensions(parsed, strict ? Severity::kError : Severity::kWarning);
	diagnostics.insert(diagnostics.end(), extensions.begin(), extensions.end());
	auto bare_predicates = DescribeBarePredicates(parsed);
	diagnostics.insert(diagnostics.end(), bare_predicates.begin(), bare_predicates.end());
	auto operator_words = DescribeScopeOperatorWords(parsed);
	diagnostics.insert(diagnostics.end(), operator_words.begin(), operator_words.end());
	return !(strict && !extensions.empty());
}

namespace {

std::string ToJsonLine(const QueryText &query, const Diagnostic &diagnostic) {
	nlohmann::ordered_json object;
	object["file"] = query.source_name;
	object["line"] = diagnostic.span.line;
	object["column"] = diagnostic.span.column;
	object["length"] = diagnostic.span.length;
	object["severity"] = diagnostic.severity == Severity::kError ? "error" : "warning";
	object["code"] = CodeOf(diagnostic);
	object["kind"] = DiagnosticKindName(diagnostic.kind);
	object["message"] = diagnostic.message;
	object["hint"] = diagnostic.hint;
	if (!diagnostic.construct.empty()) {
		object["construct"] = diagnostic.construct;
	}
	// Replacing invalid UTF-8 keeps one bad byte in a query from losing the whole line.
	return object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace

void PrintDiagnostics(const QueryText &query, const std::vector<Diagnostic> &diagnostics,
                      DiagnosticFormat format) {
	for (Diagnostic diagnostic : diagnostics) {
		diagnostic.span = query.filled.ToOriginal(diagnostic.span, query.text);
		if (format == DiagnosticFormat::kJson) {
			std::cout << ToJsonLine(query, diagnostic) << '\n';
		} else {
			std::cerr << RenderDiagnostic(diagnostic, query.source_name, query.text);
		}
	}
}

bool HasError(const std::vector<Diagnostic> &diagnostics) {
	return std::any_of(diagnostics.begin(), diagnostics.end(),
	                   [](const Diagnostic &diagnostic) { return diagnostic.severity == Severity::kError; });
}

void AddParameterOption(CLI::App &command, std::map<std::string, std::string> &values) {
	command
	    .add_option_function<std::vector<std::string>>(
	        "--param",
	        [&values](const std::vector<std::string> &assignments) {
		        for (const auto &assignment : assignments) {
			        const auto equals = assignment.find('=');
			        values[assignment.substr(0, equals)] = assignment.substr(equals + 1);
		        }
	        },
	        "NAME=VALUE for the template parameter {{NAME}}, $$NAME or <NAME> in the query. Repeat the "
	        "option for several parameters.")
	    ->allow_extra_args(false)
	    ->check([](const std::string &value) {
		    return value.find('=') == std::string::npos || value.front() == '='
		               ? std::string("expected NAME=VALUE, got '") + value + "'"
		               : std::string();
	    });
}

} // namespace sumoql
