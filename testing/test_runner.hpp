#pragma once

#include "testing/case_run.hpp"
#include "testing/test_case.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sumoql {

//! The outcome of one case.
struct CaseResult {
	std::string name;
	//! Line of the case in its file, counting from 1.
	int line = 0;
	//! One line per problem; empty when the case passed.
	std::vector<std::string> failures;
	//! Set when `--update` rewrote the case's rows.
	bool updated = false;
	double seconds = 0;
};

//! The outcome of one test file.
struct FileResult {
	std::filesystem::path path;
	//! Set when the file or its query could not be loaded; then no case ran.
	std::string load_error;
	std::vector<CaseResult> cases;
	double seconds = 0;
};

struct RunnerSettings {
	//! Runs only the cases whose name contains this text, ignoring case; empty runs all.
	std::string filter;
	//! Rewrites the rows of `snapshot: true` cases with the actual rows.
	bool update = false;
};

//! Finds `*.test.yaml` files: a path that is a file is taken as it is, and a folder is searched
//! recursively. Returns them sorted within each path. Throws TestFileError for a missing path.
std::vector<std::filesystem::path> FindTestFiles(const std::vector<std::string> &paths);

//! Loads the test file at `path`, runs its selected cases with `run_case` and, with `update`,
//! writes the new snapshot rows back to the file. Problems with the file go into `load_error`.
FileResult RunTestFile(const std::filesystem::path &path, const RunnerSettings &settings,
                       const CaseRunner &run_case);

} // namespace sumoql
