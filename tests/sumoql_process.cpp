#include "tests/sumoql_process.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace sumoql::testing {

namespace fs = std::filesystem;

CommandResult RunSumoqlIn(const fs::path &folder, const std::string &arguments) {
	fs::path err_path = fs::temp_directory_path() / ("sumoql_cli_err_" + std::to_string(::getpid()));
	std::string command = "cd '" + folder.string() + "' && '" + SUMOQL_BINARY + "' " + arguments + " 2>'" +
	                      err_path.string() + "'";

	CommandResult result;
	FILE *pipe = ::popen(command.c_str(), "r");
	std::array<char, 4096> buffer;
	std::size_t got;
	while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
		result.out.append(buffer.data(), got);
	}
	int status = ::pclose(pipe);
	result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	result.err = ReadFile(err_path);
	fs::remove(err_path);
	return result;
}

CommandResult RunSumoql(const std::string &arguments) {
	return RunSumoqlIn(SUMOQL_SOURCE_DIR, arguments);
}

fs::path MakeScratchFolder(const std::string &name) {
	fs::path folder = fs::temp_directory_path() / ("sumoql_" + name + "_" + std::to_string(::getpid()));
	fs::remove_all(folder);
	fs::create_directories(folder);
	return folder;
}

void WriteFile(const fs::path &path, const std::string &text) {
	fs::create_directories(path.parent_path());
	std::ofstream out(path, std::ios::binary);
	out << text;
}

std::string ReadFile(const fs::path &path) {
	std::ifstream in(path, std::ios::binary);
	std::ostringstream text;
	text << in.rdbuf();
	return text.str();
}

} // namespace sumoql::testing
