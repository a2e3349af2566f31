#pragma once

#include "testing/test_case.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sumoql {

//! The result of running one case's query.
struct CaseRun {
	//! One message per problem when the query did not run: `LINE:COLUMN: message` for each query
	//! diagnostic, or the message of an unreadable input or invalid event. Empty after a run.
	std::vector<std::string> errors;
	std::vector<nlohmann::ordered_json> rows;
};

//! Runs `query_text` over the case's events in this process, with the engine path that
//! `sumoql run` uses: parse, the `--strict` check when the case sets `strict`, plan, execute.
//! An invalid event fails the run, because test events are meant to be valid.
CaseRun RunCase(const std::string &query_text, const TestCase &test_case);

} // namespace sumoql
