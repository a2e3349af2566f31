#pragma once

#include "testing/test_runner.hpp"

#include <filesystem>
#include <vector>

namespace sumoql {

//! Checks that the report can be written at `path`, creating the file when it is missing, so a
//! bad path fails before any case runs. Throws TestFileError with the system's reason.
void CheckJunitReportPath(const std::filesystem::path &path);

//! Writes `results` as JUnit XML, the report format CI systems read: one `testsuite` per test
//! file and one `testcase` per case, with a `failure` holding the diff lines of a failing case.
//! A file that could not be loaded becomes a suite with one `error` case. Throws
//! TestFileError when the report cannot be written.
void WriteJunitReport(const std::vector<FileResult> &results, const std::filesystem::path &path);

} // namespace sumoql
