#pragma once

#include "testing/test_case.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace sumoql {

//! The result of running one case's query.
struct CaseRun {
	//! One message per problem when the query did not run: `LINE:COLUMN: message` for each query
	//! diagnostic, or the message of an unreadable input or invalid event. Empty after a run.
	std::vector<std::string> errors;
	//! Set when `errors` come from the input, an event file or an inline event, not the query.
	bool input_failed = false;
	std::vector<nlohmann::ordered_json> rows;
};

//! Runs the query text over one case's events.
using CaseRunner = std::function<CaseRun(const std::string &query_text, const TestCase &test_case)>;

} // namespace sumoql
