#include "cli/explain_command.hpp"

#include "cli/ast_json.hpp"
#include "cli/exit_code.hpp"
#include "cli/explain_output.hpp"
#include "cli/query_text.hpp"
#include "engine/execution/query_explanation.hpp"
#include "engine/readers/input_error.hpp"
#include "engine/sources/extraction_rules.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace sumoql {

namespace {

struct ExplainSettings {
	std::string file;
	std::string expression;
	bool has_expression = false;
	std::string format = "text";
	std::string ast_format;
	std::vector<std::string> fers;
	std::map<std::string, std::string> parameters;
};

std::string ReadTextFile(const std::string &path, const char *file_kind) {
	std::ifstream file(path, std::ios::binary);
	if (!file) {
		throw InputError(path + ": cannot open the " + file_kind);
	}
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

//! Parses each `--fer` file. Prints the diagnostics of a file that does not parse and returns
//! false.
bool LoadRules(const std::vector<std::string> &paths, std::vector<ExtractionRules> &rules) {
	for (const auto &path : paths) {
		std::string text = ReadTextFile(path, "field extraction rule file");
		try {
			rules.push_back(ParseExtractionRules(path, text));
		} catch (const QueryError &error) {
			for (const auto &diagnostic : error.diagnostics()) {
				std::cerr << RenderDiagnostic(diagnostic, path, text);
			}
			return false;
		}
	}
	return true;
}

ExitCode Explain(const ExplainSettings &settings) {
	QueryText query = settings.has_expression
	                      ? MakeQueryText("<query>", settings.expression, settings.parameters)
	                      : ReadQueryFile(settings.file, settings.parameters);
	std::vector<Diagnostic> diagnostics = DescribeUnfilledParameters(query, Severity::kWarning);

	ast::Query parsed;
	if (!ParseQueryText(query, false, parsed, diagnostics)) {
		PrintDiagnostics(query, diagnostics);
		return ExitCode::kQueryError;
	}
	if (!settings.ast_format.empty()) {
		PrintDiagnostics(query, diagnostics);
		std::cout << AstToJson(parsed, query).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
		          << '\n';
		return ExitCode::kSuccess;
	}

	std::vector<ExtractionRules> rules;
	if (!LoadRules(settings.fers, rules)) {
		return ExitCode::kQueryError;
	}
	QueryExplanation explanation;
	try {
		explanation = ExplainQuery(parsed, query.filled.text, rules);
	} catch (const QueryError &error) {
		diagnostics.insert(diagnostics.end(), error.diagnostics().begin(), error.diagnostics().end());
		PrintDiagnostics(query, diagnostics);
		return ExitCode::kQueryError;
	}

	PrintDiagnostics(query, diagnostics);
	if (settings.format == "json") {
		std::cout << ExplanationToJson(explanation, query).dump(2, ' ', false,
		                                                        nlohmann::ordered_json::error_handler_t::replace)
		          << '\n';
	} else {
		std::cout << ExplanationToText(explanation, query);
	}
	return ExitCode::kSuccess;
}

} // namespace

void AddExplainCommand(CLI::App &app, int &exit_code) {
	auto settings = std::make_shared<ExplainSettings>();
	CLI::App *explain = app.add_subcommand(
	    "explain", "Print a query's stages as the planner runs them, with the fields each reads and writes.");
	explain->footer(std::string("\nExamples:\n  sumoql explain queries/t1568.003-dns-calculation.sumo\n"
	                            "  sumoql explain --ast json queries/t1568.003-dns-calculation.sumo\n\n") +
	                kExitCodeHelp);
	CLI::Option *file = explain->add_option("file", settings->file, "The query file.");
	CLI::Option *expression =
	    explain->add_option("-e,--expression", settings->expression, "Query text in place of a query file.");
	file->excludes(expression);
	explain->add_option("--format", settings->format, "Output format: text or json. Default: text.")
	    ->check(CLI::IsMember({"text", "json"}));
	explain
	    ->add_option("--ast", settings->ast_format,
	                 "Print the syntax tree with the position of every node in place of the plan. The only "
	                 "format is json, described in docs/ast.md.")
	    ->check(CLI::IsMember({"json"}));
	explain->add_option("--fer", settings->fers,
	                    "A field extraction rule file whose stages run on each event before the query. Repeatable.");
	AddParameterOption(*explain, settings->parameters);

	explain->callback([settings, expression, file, &exit_code]() {
		settings->has_expression = expression->count() > 0;
		if (!settings->has_expression && file->count() == 0) {
			std::cerr << "sumoql: error: explain needs a query file or -e 'QUERY'\n";
			exit_code = static_cast<int>(ExitCode::kInputError);
			return;
		}
		try {
			exit_code = static_cast<int>(Explain(*settings));
		} catch (const InputError &error) {
			std::cerr << "sumoql: error: " << error.what() << '\n';
			exit_code = static_cast<int>(ExitCode::kInputError);
		}
	});
}

} // namespace sumoql
