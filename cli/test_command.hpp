#pragma once

#include <CLI/CLI.hpp>

namespace sumoql {

//! Adds `sumoql test` to `app`; the exit code is written to `exit_code`.
void AddTestCommand(CLI::App &app, int &exit_code);

} // namespace sumoql
