#pragma once

namespace sumoql {

//! Process exit codes, listed in `--help` and the README.
enum class ExitCode : int {
	kSuccess = 0,
	//! The query could not be parsed or planned, or `--strict` rejected an extension.
	kQueryError = 1,
	//! `sumoql test`: a case failed, or a test file is invalid.
	kTestFailure = 1,
	//! Bad usage, an unreadable input, or bad input under `--fail-on-bad-input`.
	kInputError = 2,
};

constexpr const char *kExitCodeHelp = "Exit codes: 0 success, 1 query error or failed test, 2 usage or input error.";

} // namespace sumoql
