#include "cli/test_command.hpp"

#include "cli/case_runner.hpp"
#include "cli/exit_code.hpp"
#include "testing/control_characters.hpp"
#include "testing/junit_report.hpp"
#include "testing/test_file_loader.hpp"
#include "testing/test_runner.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace sumoql {

namespace {

struct TestSettings {
	std::vector<std::string> paths;
	RunnerSettings runner;
	bool verbose = false;
	std::string junit_path;
};

struct Tally {
	std::size_t passed = 0;
	std::size_t failed = 0;
	std::size_t updated = 0;
};

//! Prints one line per failing case, followed by its differences, and with `verbose` one line per
//! passing case.
void PrintFileResult(const FileResult &file, bool verbose, Tally &tally) {
	if (!file.load_error.empty()) {
		std::cout << "ERROR " << file.load_error << '\n';
		tally.failed++;
		return;
	}
	for (const auto &test_case : file.cases) {
		std::string place = EscapeControlCharacters(
		    fmt::format("{}:{}: {}", file.path.string(), test_case.line, test_case.name));
		if (test_case.updated) {
			std::cout << "UPDATED " << place << '\n';
			tally.updated++;
			tally.passed++;
		} else if (test_case.failures.empty()) {
			if (verbose) {
				std::cout << "PASS " << place << '\n';
			}
			tally.passed++;
		} else {
			std::cout << "FAIL " << place << '\n';
			for (const auto &line : test_case.failures) {
				std::cout << "  " << line << '\n';
			}
			tally.failed++;
		}
	}
}

int RunTests(const TestSettings &settings) {
	std::vector<std::filesystem::path> files;
	try {
		files = FindTestFiles(settings.paths.empty() ? std::vector<std::string> {"."} : settings.paths);
	} catch (const TestFileError &error) {
		std::cerr << "sumoql: error: " << error.what() << '\n';
		return static_cast<int>(ExitCode::kInputError);
	}
	if (files.empty()) {
		std::cerr << "sumoql: error: no *.test.yaml files found; give a test file or a folder that holds one\n";
		return static_cast<int>(ExitCode::kInputError);
	}

	if (!settings.junit_path.empty()) {
		try {
			CheckJunitReportPath(settings.junit_path);
		} catch (const TestFileError &error) {
			std::cerr << "sumoql: error: " << error.what() << '\n';
			return static_cast<int>(ExitCode::kInputError);
		}
	}

	std::vector<FileResult> results;
	Tally tally;
	for (const auto &file : files) {
		results.push_back(RunTestFile(file, settings.runner, RunCase));
		PrintFileResult(results.back(), settings.verbose, tally);
	}

	// A run that checked nothing must not pass, such as a --filter with a typo. Test files that
	// cannot be loaded count as failed, and every loaded file has a case.
	if (tally.passed + tally.failed == 0) {
		std::cerr << fmt::format("sumoql: error: no case name contains '{}' in {}; check the --filter text, "
		                         "which matches part of a name, ignoring case\n",
		                         settings.runner.filter, files.size() == 1 ? "the test file" : "the test files");
		return static_cast<int>(ExitCode::kInputError);
	}

	std::string summary = fmt::format("{} passed, {} failed", tally.passed, tally.failed);
	if (settings.runner.update) {
		summary += fmt::format(", {} updated", tally.updated);
	}
	std::cout << summary << '\n';
	std::cout.flush();

	if (!settings.junit_path.empty()) {
		try {
			WriteJunitReport(results, settings.junit_path);
		} catch (const TestFileError &error) {
			std::cerr << "sumoql: error: " << error.what() << '\n';
			return static_cast<int>(ExitCode::kInputError);
		}
	}
	return static_cast<int>(tally.failed == 0 ? ExitCode::kSuccess : ExitCode::kTestFailure);
}

} // namespace

void AddTestCommand(CLI::App &app, int &exit_code) {
	auto settings = std::make_shared<TestSettings>();
	CLI::App *test = app.add_subcommand("test", "Run the cases in *.test.yaml files against the queries they test.");
	test->footer(std::string("\nExample:\n  sumoql test queries/\n\nThe test file format is described in "
	                         "docs/testing.md.\n") +
	             "Exit codes: 0 every case passed, 1 a case failed or a test file is invalid, 2 usage error, "
	             "a missing path, no test files found, no case selected by --filter, or a JUnit report that "
	             "cannot be written.");
	test->add_option("paths", settings->paths,
	                 "Test files, or folders searched recursively for *.test.yaml files. Default: the current "
	                 "folder.");
	test->add_flag("-v,--verbose", settings->verbose, "List passing cases too.");
	test->add_option("--junit", settings->junit_path, "Also write the results as JUnit XML to this file.");
	test->add_option("--filter", settings->runner.filter,
	                 "Run only the cases whose name contains this text, ignoring case.");
	test->add_flag("--update", settings->runner.update,
	               "Write the actual rows into failing cases marked 'snapshot: true'.");

	test->callback([settings, &exit_code]() { exit_code = RunTests(*settings); });
}

} // namespace sumoql
