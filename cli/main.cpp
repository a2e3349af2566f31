// sumoql: runs Sumo Logic log-search queries over local event files.

#include "cli/check_command.hpp"
#include "cli/exit_code.hpp"
#include "cli/explain_command.hpp"
#include "cli/run_command.hpp"
#include "cli/test_command.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char **argv) {
	CLI::App app {"sumoql 0.1.0 - run Sumo Logic log-search queries over local event files.\n"
	              "Reads NDJSON or JSON-array events and prints the rows the query returns."};
	app.footer(std::string("\nExample:\n  sumoql run queries/t1568.003-dns-calculation.sumo "
	                       "fixtures/t1568.003/sysmon3-crafted.jsonl\n\n") +
	           sumoql::kExitCodeHelp);
	app.set_version_flag("--version", "sumoql 0.1.0");
	app.require_subcommand(1);

	int exit_code = static_cast<int>(sumoql::ExitCode::kSuccess);
	sumoql::AddRunCommand(app, exit_code);
	sumoql::AddCheckCommand(app, exit_code);
	sumoql::AddExplainCommand(app, exit_code);
	sumoql::AddTestCommand(app, exit_code);

	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &error) {
		int code = app.exit(error);
		return code == 0 ? 0 : static_cast<int>(sumoql::ExitCode::kInputError);
	}
	return exit_code;
}
