#pragma once

#include "testing/test_runner.hpp"

#include <filesystem>
#include <vector>

namespace sumoql {

//! Writes `results` as JUnit XML, the report format CI systems read: one `testsuite` per test
//! file and one `testcase` per case, with a `failure` holding the diff lines of a failing case.
//! A file that could not be loaded becomes a suite with one `error` case. Throws
//! TestFileError when the report cannot be written.
void WriteJunitReport(const std::vector<FileResult> &results, const std::filesystem::path &path);

} // namespace sumoql
