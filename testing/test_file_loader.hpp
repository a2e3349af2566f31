#pragma once

#include "testing/test_case.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sumoql {

//! A test file that cannot be read or does not follow the format. The message starts with
//! `FILE:LINE:COLUMN:` when the problem has a place in the file.
class TestFileError : public std::runtime_error {
public:
	explicit TestFileError(const std::string &message) : std::runtime_error(message) {
	}
};

//! Reads and checks `NAME.test.yaml`, whose format docs/testing.md describes. Relative paths
//! in it are resolved against the file's folder; the query defaults to `NAME.sumo` beside it.
//! Throws TestFileError naming the first problem.
TestFile LoadTestFile(const std::filesystem::path &path);

} // namespace sumoql
