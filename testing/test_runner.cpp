#include "testing/test_runner.hpp"

#include "engine/types/ascii.hpp"
#include "testing/expectation.hpp"
#include "testing/snapshot_update.hpp"
#include "testing/test_file_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <fstream>
#include <sstream>

namespace sumoql {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
	return std::chrono::duration<double>(Clock::now() - start).count();
}

bool IsTestFile(const fs::path &path) {
	return path.filename().string().ends_with(".test.yaml");
}

bool IsSelected(const TestCase &test_case, const std::string &filter) {
	return filter.empty() || FoldCase(test_case.name).find(FoldCase(filter)) != std::string::npos;
}

//! Reads the query that a test file tests. `place` is where the test file names it, as
//! `FILE:LINE:COLUMN`, so the error points at the line to fix.
std::string ReadQuery(const fs::path &path, const std::string &place) {
	std::ifstream file(path, std::ios::binary);
	if (!file) {
		throw TestFileError(
		    fmt::format("{}: cannot open the query file {}: {}", place, path.string(), std::strerror(errno)));
	}
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

void WriteText(const fs::path &path, const std::string &text) {
	std::ofstream file(path, std::ios::binary | std::ios::trunc);
	file << text;
	file.close();
	if (!file) {
		throw TestFileError(path.string() + ": cannot write the updated snapshot rows");
	}
}

} // namespace

std::vector<fs::path> FindTestFiles(const std::vector<std::string> &paths) {
	std::vector<fs::path> files;
	for (const auto &path : paths) {
		if (fs::is_regular_file(path)) {
			files.push_back(fs::path(path).lexically_normal());
			continue;
		}
		if (!fs::is_directory(path)) {
			throw TestFileError(path + ": no such file or folder");
		}
		std::vector<fs::path> found;
		for (const auto &entry : fs::recursive_directory_iterator(path)) {
			if (entry.is_regular_file() && IsTestFile(entry.path())) {
				// Reports name `queries/x.test.yaml`, not `./queries/x.test.yaml`.
				found.push_back(entry.path().lexically_normal());
			}
		}
		std::sort(found.begin(), found.end());
		files.insert(files.end(), found.begin(), found.end());
	}
	return files;
}

FileResult RunTestFile(const fs::path &path, const RunnerSettings &settings, const CaseRunner &run_case) {
	FileResult result;
	result.path = path;
	Clock::time_point file_start = Clock::now();

	TestFile file;
	std::string query_text;
	try {
		file = LoadTestFile(path);
		query_text = ReadQuery(file.query_path, file.query_place);
	} catch (const TestFileError &error) {
		result.load_error = error.what();
		return result;
	}

	std::vector<SnapshotEdit> edits;
	for (const auto &test_case : file.cases) {
		if (!IsSelected(test_case, settings.filter)) {
			continue;
		}
		Clock::time_point case_start = Clock::now();
		CaseRun run = run_case(query_text, test_case);

		CaseResult case_result;
		case_result.name = test_case.name;
		case_result.line = test_case.line;
		case_result.failures = CheckExpectation(test_case, run);
		// A snapshot that still passes keeps its rows, which may list only some fields.
		bool rewrite = settings.update && test_case.snapshot && run.errors.empty();
		if (rewrite && !case_result.failures.empty()) {
			edits.push_back({test_case.rows_span, test_case.key_column, run.rows});
			case_result.failures.clear();
			case_result.updated = true;
		}
		case_result.seconds = SecondsSince(case_start);
		result.cases.push_back(std::move(case_result));
	}

	if (!edits.empty()) {
		try {
			WriteText(path, ApplySnapshotEdits(file.text, std::move(edits)));
		} catch (const TestFileError &error) {
			result.load_error = error.what();
		}
	}
	result.seconds = SecondsSince(file_start);
	return result;
}

} // namespace sumoql
