#pragma once

#include <CLI/CLI.hpp>

namespace sumoql {

//! Adds `sumoql run` to `app`; the exit code of a run is written to `exit_code`.
void AddRunCommand(CLI::App &app, int &exit_code);

} // namespace sumoql
