#pragma once

#include "cli/query_text.hpp"
#include "engine/execution/query_explanation.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sumoql {

//! The version of the `explain --format json` document. It changes when a member is renamed or
//! removed; added members keep the version.
inline constexpr int kExplainJsonVersion = 1;

//! Renders `explanation` for a terminal: the stages with their fields, the filters in run order,
//! what each event is read for, and the planner's notes. Positions are in the text as written.
std::string ExplanationToText(const QueryExplanation &explanation, const QueryText &query);

//! Builds the JSON document of `explanation`, with the same content as the text form.
nlohmann::ordered_json ExplanationToJson(const QueryExplanation &explanation, const QueryText &query);

} // namespace sumoql
