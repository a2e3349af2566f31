#pragma once

#include <filesystem>
#include <string>

namespace sumoql::testing {

//! What a run of the sumoql binary printed and returned.
struct CommandResult {
	int exit_code = -1;
	std::string out;
	std::string err;
};

//! Runs the built sumoql with `arguments` (shell words) in `folder`.
CommandResult RunSumoqlIn(const std::filesystem::path &folder, const std::string &arguments);

//! Runs the built sumoql with `arguments` (shell words) from the repository root.
CommandResult RunSumoql(const std::string &arguments);

//! Makes an empty folder under the system temporary folder, unique to this process and `name`.
std::filesystem::path MakeScratchFolder(const std::string &name);

//! Writes `text` to `path`, creating its folder.
void WriteFile(const std::filesystem::path &path, const std::string &text);

//! Returns the whole content of `path`, or "" when it cannot be read.
std::string ReadFile(const std::filesystem::path &path);

} // namespace sumoql::testing
