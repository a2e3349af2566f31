#include "cli/query_text.hpp"

#include "engine/readers/input_error.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/extensions.hpp"
#include "grammar/parser.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace sumoql {

QueryText ReadQueryFile(const std::string &path) {
	std::ifstream file(path, std::ios::binary);
	if (!file) {
		throw InputError(path + ": cannot open the query file");
	}
	std::ostringstream text;
	text << file.rdbuf();
	return {path, text.str()};
}

void PrintDiagnostics(const QueryText &query, const std::vector<Diagnostic> &diagnostics) {
	for (const auto &diagnostic : diagnostics) {
		std::cerr << RenderDiagnostic(diagnostic, query.source_name, query.text);
	}
}

bool ParseAndReport(const QueryText &query, bool strict, ast::Query &parsed) {
	try {
		parsed = ParseQuery(query.text);
	} catch (const QueryError &error) {
		PrintDiagnostics(query, error.diagnostics());
		return false;
	}

	auto extensions = DescribeExtensions(parsed, strict ? Severity::kError : Severity::kWarning);
	PrintDiagnostics(query, extensions);
	PrintDiagnostics(query, DescribeBarePredicates(parsed));
	return !(strict && !extensions.empty());
}

} // namespace sumoql
