#pragma once

#include "testing/case_run.hpp"
#include "testing/test_case.hpp"

#include <string>
#include <vector>

namespace sumoql {

//! Checks `run` against the case's expectation. Returns one line per problem, or nothing when
//! the case passes.
std::vector<std::string> CheckExpectation(const TestCase &test_case, const CaseRun &run);

} // namespace sumoql
