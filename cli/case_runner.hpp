#pragma once

#include "testing/case_run.hpp"
#include "testing/test_case.hpp"

#include <string>

namespace sumoql {

//! Runs `query_text` over the case's events in this process, with the engine path that
//! `sumoql run` uses: parse, the `--strict` check when the case sets `strict`, input sources
//! with their layout and extraction rules, plan, execute. An invalid event fails the run,
//! because test events are meant to be valid.
CaseRun RunCase(const std::string &query_text, const TestCase &test_case);

} // namespace sumoql
