#include "cli/check_command.hpp"

#include "cli/exit_code.hpp"
#include "cli/query_text.hpp"
#include "engine/execution/query_plan.hpp"
#include "engine/readers/input_error.hpp"
#include "grammar/diagnostic.hpp"

#include <iostream>
#include <memory>

namespace sumoql {

namespace {

struct CheckSettings {
	std::vector<std::string> files;
	bool strict = false;
};

//! Returns true when `path` parses and plans without an error.
bool CheckFile(const std::string &path, bool strict) {
	QueryText query = ReadQueryFile(path);
	ast::Query parsed;
	if (!ParseAndReport(query, strict, parsed)) {
		return false;
	}
	try {
		PlanQuery(parsed, PlanOptions {});
	} catch (const QueryError &error) {
		PrintDiagnostics(query, error.diagnostics());
		return false;
	}
	return true;
}

} // namespace

void AddCheckCommand(CLI::App &app, int &exit_code) {
	auto settings = std::make_shared<CheckSettings>();
	CLI::App *check = app.add_subcommand("check", "Parse and check query files without reading events.");
	check->footer(std::string("\nExample:\n  sumoql check --strict queries/*.sumo\n\n") + kExitCodeHelp);
	check->add_option("files", settings->files, "Query files to check.")->required();
	check->add_flag("--strict", settings->strict, "Report constructs real Sumo Logic rejects as errors.");

	check->callback([settings, &exit_code]() {
		exit_code = static_cast<int>(ExitCode::kSuccess);
		for (const auto &file : settings->files) {
			try {
				if (!CheckFile(file, settings->strict)) {
					exit_code = static_cast<int>(ExitCode::kQueryError);
				}
			} catch (const InputError &error) {
				std::cerr << "sumoql: error: " << error.what() << '\n';
				exit_code = static_cast<int>(ExitCode::kInputError);
			}
		}
	});
}

} // namespace sumoql
