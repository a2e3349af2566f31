#pragma once

#include "cli/query_text.hpp"
#include "engine/execution/query_plan.hpp"
#include "engine/sources/extraction_rules.hpp"
#include "engine/sources/project_config.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sumoql {

//! Source settings from the command line. They apply to inputs that no config source claims,
//! and fill in what a config source leaves unset.
struct CommandLineSource {
	std::vector<std::pair<std::string, std::string>> metadata;
	std::string time_field;
	std::optional<int> time_zone_minutes;
	std::optional<TimeFormat> time_format;
	std::string layout;
	std::vector<std::string> fers;
};

//! An input file and the plan source it is read with.
struct PlannedInput {
	std::string path;
	idx_t source = 0;
	//! The shipped layout whose rule runs on the file, or empty.
	std::string layout;
};

//! The inputs of a run, the plan sources they need, and the extraction rules those point into.
struct InputPlan {
	std::vector<PlannedInput> inputs;
	std::vector<SourceOptions> sources;
	std::vector<std::unique_ptr<ExtractionRules>> rules;
};

//! An extraction rule that does not parse or plan, with the diagnostics to show against it.
struct ExtractionRulesError {
	QueryText rules;
	std::vector<Diagnostic> diagnostics;
};

//! Decides which source reads each input, detects layouts where asked, and loads the extraction
//! rules. With no `paths`, the inputs are the files of every config source, or standard input
//! when there is no config. Prints the layout it detects for a file unless `quiet`.
//! Throws InputError, ConfigError or ExtractionRulesError.
InputPlan PlanInputs(const std::vector<std::string> &paths, const std::optional<ProjectConfig> &config,
                     const CommandLineSource &command_line, bool quiet);

} // namespace sumoql
