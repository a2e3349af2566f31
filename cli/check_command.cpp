#include "cli/check_command.hpp"

#include "cli/exit_code.hpp"
#include "cli/query_text.hpp"
#include "engine/execution/query_plan.hpp"
#include "engine/readers/input_error.hpp"
#include "grammar/diagnostic.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

namespace sumoql {

namespace {

struct CheckSettings {
	std::vector<std::string> files;
	std::string format = "text";
	std::map<std::string, std::string> parameters;
	bool strict = false;
};

//! Parses and plans one query file, and prints what it found.
//! Returns true when the file has no error.
bool CheckFile(const std::string &path, const CheckSettings &settings) {
	QueryText query = ReadQueryFile(path, settings.parameters);
	std::vector<Diagnostic> diagnostics = DescribeUnfilledParameters(query, Severity::kWarning);

	ast::Query parsed;
	if (ParseQueryText(query, settings.strict, parsed, diagnostics)) {
		try {
			PlanOptions options;
			options.allow_unmapped_tables = true;
			PlanQuery(parsed, options);
		} catch (const QueryError &error) {
			diagnostics.insert(diagnostics.end(), error.diagnostics().begin(), error.diagnostics().end());
		}
	}

	const auto format = settings.format == "json" ? DiagnosticFormat::kJson : DiagnosticFormat::kText;
	PrintDiagnostics(query, diagnostics, format);
	return !HasError(diagnostics);
}

//! Replaces each directory among `paths` with the `.sumo` files under it, sorted, so that
//! `check queries/` checks every query in a folder tree.
std::vector<std::string> ExpandQueryDirectories(const std::vector<std::string> &paths) {
	std::vector<std::string> files;
	for (const auto &path : paths) {
		std::error_code error;
		if (!std::filesystem::is_directory(path, error)) {
			files.push_back(path);
			continue;
		}

		std::vector<std::string> found;
		for (const auto &entry : std::filesystem::recursive_directory_iterator(path, error)) {
			if (entry.is_regular_file() && entry.path().extension() == ".sumo") {
				found.push_back(entry.path().string());
			}
		}
		if (found.empty()) {
			throw InputError(path + ": the directory has no .sumo query files");
		}
		std::sort(found.begin(), found.end());
		files.insert(files.end(), found.begin(), found.end());
	}
	return files;
}

} // namespace

void AddCheckCommand(CLI::App &app, int &exit_code) {
	auto settings = std::make_shared<CheckSettings>();
	CLI::App *check = app.add_subcommand("check", "Parse and check query files without reading events.");
	check->footer(std::string("\nExample:\n  sumoql check --strict queries/*.sumo\n\n") + kExitCodeHelp);
	check->add_option("files", settings->files, "Query files to check, or directories whose .sumo files are checked.")->required();
	check->add_option("--format", settings->format,
	                  "Diagnostic format: text (with a caret, on stderr) or json (one object per line, on "
	                  "stdout). Default: text.")
	    ->check(CLI::IsMember({"text", "json"}));
	AddParameterOption(*check, settings->parameters);
	check->add_flag("--strict", settings->strict, "Report constructs real Sumo Logic rejects as errors.");

	check->callback([settings, &exit_code]() {
		exit_code = static_cast<int>(ExitCode::kSuccess);
		std::vector<std::string> files;
		try {
			files = ExpandQueryDirectories(settings->files);
		} catch (const InputError &error) {
			std::cerr << "sumoql: error: " << error.what() << '\n';
			exit_code = static_cast<int>(ExitCode::kInputError);
			return;
		}
		for (const auto &file : files) {
			try {
				if (!CheckFile(file, *settings) && exit_code == static_cast<int>(ExitCode::kSuccess)) {
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
