#pragma once

#include <CLI/CLI.hpp>

namespace sumoql {

//! Adds `sumoql explain`, which prints the stages of a query as the planner runs them, or its
//! syntax tree as JSON with `--ast json`.
void AddExplainCommand(CLI::App &app, int &exit_code);

} // namespace sumoql
