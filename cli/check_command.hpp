#pragma once

#include <CLI/CLI.hpp>

namespace sumoql {

//! Adds `sumoql check` to `app`; the exit code is written to `exit_code`.
void AddCheckCommand(CLI::App &app, int &exit_code);

} // namespace sumoql
