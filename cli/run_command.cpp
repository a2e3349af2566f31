#include "cli/run_command.hpp"

#include "cli/exit_code.hpp"
#include "cli/input_sources.hpp"
#include "cli/progress_line.hpp"
#include "cli/query_text.hpp"
#include "cli/time_bound.hpp"
#include "engine/sources/layouts.hpp"
#include "engine/execution/query_executor.hpp"
#include "engine/readers/input_error.hpp"
#include "grammar/diagnostic.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <tuple>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <thread>

namespace sumoql {

namespace {

struct RunSettings {
	std::string expression;
	std::vector<std::string> arguments;
	std::string format;
	std::string source_category;
	std::vector<std::string> assignments;
	std::map<std::string, std::string> parameters;
	std::string time_field;
	std::string time_zone;
	std::string time_format;
	std::string config_path;
	std::vector<std::string> fers;
	//! --lookup TABLE=FILE mappings, in command-line order.
	std::vector<std::string> lookups;
	std::string layout;
	std::string from;
	std::string to;
	bool stage_counts = false;
	bool strict = false;
	bool fail_on_bad_input = false;
	bool quiet = false;
	unsigned threads = std::max(1u, std::thread::hardware_concurrency());
	//! The --now text, read by ParseUserTime. Without --now, the wall clock at start is used.
	std::string now;
	//! Set when --now was given, even with empty text, so an empty value is an error.
	bool has_now = false;
	//! Set when -e was given, even with empty text, so no argument is taken as the query file.
	bool has_expression = false;
};

//! The config file read from the current folder when --config is not given.
constexpr const char *kDefaultConfigName = "sumoql.yaml";

//! Bad lines beyond this many are counted in the summary but not printed one by one.
constexpr std::uint64_t kMaxBadLinesShown = 20;

OutputFormat ChooseFormat(const std::string &name) {
	static const std::map<std::string, OutputFormat> kFormats = {
	    {"table", OutputFormat::kTable}, {"jsonl", OutputFormat::kJsonl},
	    {"json", OutputFormat::kJson},   {"csv", OutputFormat::kCsv}};
	if (name.empty()) {
		return isatty(STDOUT_FILENO) ? OutputFormat::kTable : OutputFormat::kJsonl;
	}
	return kFormats.at(name);
}

std::int64_t WallClockMs() {
	auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
	return std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
}

CommandLineSource MakeCommandLineSource(const RunSettings &settings) {
	CommandLineSource source;
	if (!settings.source_category.empty()) {
		source.metadata.emplace_back("_sourceCategory", settings.source_category);
	}
	for (const auto &assignment : settings.assignments) {
		auto equals = assignment.find('=');
		source.metadata.emplace_back(assignment.substr(0, equals), assignment.substr(equals + 1));
	}
	source.time_field = settings.time_field;
	if (!settings.time_zone.empty()) {
		source.time_zone_minutes = ParseZoneOffset(settings.time_zone);
	}
	if (settings.time_format == "epoch_s") {
		source.time_format = TimeFormat::kEpochSeconds;
	} else if (settings.time_format == "epoch_ms") {
		source.time_format = TimeFormat::kEpochMilliseconds;
	}
	source.layout = settings.layout;
	source.fers = settings.fers;
	return source;
}

//! Reads --config, or `sumoql.yaml` in the current folder when it exists.
std::optional<ProjectConfig> LoadConfig(const RunSettings &settings) {
	if (!settings.config_path.empty()) {
		return LoadProjectConfig(settings.config_path);
	}
	if (std::filesystem::exists(kDefaultConfigName)) {
		return LoadProjectConfig(kDefaultConfigName);
	}
	return std::nullopt;
}

//! Maps the lookup tables of the config's `lookups:` section, then those of --lookup, which
//! replace a config entry for the same table.
std::shared_ptr<LookupCatalog> MakeLookupCatalog(const RunSettings &settings,
                                                 const std::optional<ProjectConfig> &config) {
	auto catalog = std::make_shared<LookupCatalog>();
	if (config) {
		for (const auto &[table, file] : config->lookups) {
			catalog->Map(table, file);
		}
	}
	for (const auto &mapping : settings.lookups) {
		auto equals = mapping.rfind('=');
		catalog->Map(mapping.substr(0, equals), mapping.substr(equals + 1));
	}
	return catalog;
}

//! Fills the time range of `options` from --from and --to. Returns false after printing an error.
bool SetTimeRange(const RunSettings &settings, PlanOptions &options) {
	for (auto [text, bound, name] : {std::tuple(&settings.from, &options.from, "--from"),
	                                 std::tuple(&settings.to, &options.to, "--to")}) {
		if (text->empty()) {
			continue;
		}
		*bound = ParseTimeBound(*text, options.now_ms);
		if (!*bound) {
			std::cerr << fmt::format("sumoql: error: invalid {} value '{}'; give a time such as "
			                         "2024-05-01T10:00:00Z, a date such as 2024-05-01, epoch milliseconds, now, or -24h\n",
			                         name, *text);
			return false;
		}
	}
	// The range includes --from and excludes --to, so from >= to selects nothing.
	if (options.from && options.to && *options.from >= *options.to) {
		std::cerr << fmt::format("sumoql: error: --from {} is not before --to {}; the range would select no "
		                         "event\n",
		                         settings.from, settings.to);
		return false;
	}
	return true;
}

BadInputHandler MakeBadInputHandler(const RunSettings &settings, std::shared_ptr<ProgressLine> progress) {
	auto shown = std::make_shared<std::uint64_t>(0);
	bool fatal = settings.fail_on_bad_input;
	return [shown, fatal, progress](const std::string &location, const std::string &message) {
		progress->Clear();
		if (fatal) {
			throw InputError(fmt::format("{}: invalid event: {} (--fail-on-bad-input is set)", location, message));
		}
		if (++*shown <= kMaxBadLinesShown) {
			std::cerr << fmt::format("sumoql: warning: {}: invalid event, skipped: {}\n", location, message);
		}
		if (*shown == kMaxBadLinesShown) {
			std::cerr << "sumoql: warning: further invalid events are skipped and counted without a message\n";
		}
	};
}

//! Throws InputError for the first input that cannot be opened or is a directory, so that a bad
//! path fails the run before any row of an earlier input is printed.
void CheckInputsReadable(const InputPlan &inputs) {
	for (const auto &input : inputs.inputs) {
		if (input.path == "-") {
			continue;
		}
		int fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			throw InputError(input.path + ": cannot open: " + std::strerror(errno));
		}
		struct stat status {};
		bool is_directory = ::fstat(fd, &status) == 0 && S_ISDIR(status.st_mode);
		::close(fd);
		if (is_directory) {
			throw InputError(input.path + ": cannot read a directory; give the files in it, or a glob in sumoql.yaml");
		}
	}
}

std::string Plural(std::uint64_t count, const char *word) {
	return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

void PrintFileSummaries(const RunSummary &summary, const InputPlan &inputs) {
	for (std::size_t i = 0; i < summary.files.size(); i++) {
		const FileSummary &file = summary.files[i];
		const std::string &layout = i < inputs.inputs.size() ? inputs.inputs[i].layout : std::string();
		std::string line = fmt::format("sumoql: {}: {}, layout {}, {}", file.path, Plural(file.events_read, "event"),
		                               layout.empty() ? "none" : layout,
		                               file.event_log ? Plural(file.bad_records, "bad record")
		                                              : Plural(file.bad_lines, "bad line"));
		if (file.dropped_by_time_range > 0) {
			line += fmt::format(", {} outside the time range", file.dropped_by_time_range);
		}
		line += fmt::format(", {} not matched by the scope", file.dropped_by_scope);
		std::cerr << line << '\n';
		if (file.events_read > 0 && file.dropped_by_scope == file.events_read) {
			std::cerr << fmt::format("  hint: no event in {} matched the scope; when the scope names _sourceCategory or "
			                         "other metadata that the events lack, give it with --source-category or a "
			                         "source in sumoql.yaml\n",
			                         file.path);
		}
	}
}

void PrintStageCounts(const RunSummary &summary, const QueryPlan &plan) {
	for (std::size_t i = 0; i < summary.stages.size(); i++) {
		std::cerr << fmt::format("sumoql: stage {} ({}): {} in, {} out\n", i + 1, plan.stage_labels[i],
		                         summary.stages[i].rows_in, summary.stages[i].rows_out);
	}
}

void PrintSummary(const RunSummary &summary) {
	const auto &input = summary.input;
	auto plural = Plural;
	std::string skipped = plural(input.bad_lines, "bad line");
	if (input.bad_records > 0) {
		skipped += " and " + plural(input.bad_records, "bad event log record");
	}
	std::cerr << fmt::format("sumoql: {} read from {}, {} output, {} skipped\n", plural(input.events_read, "event"),
	                         plural(input.files_read, "file"), plural(summary.rows_output, "row"), skipped);
	if (input.events_without_time > 0) {
		std::cerr << fmt::format("sumoql: {} had no readable time and got a null _messageTime; name the time key "
		                         "with --time-field, or give its format with --time-format when its values are "
		                         "epoch numbers\n",
		                         plural(input.events_without_time, "event"));
	}
	if (summary.failed_conversions > 0) {
		std::uint64_t count = summary.failed_conversions;
		std::cerr << fmt::format("sumoql: {} {} not be converted and became null in num(), parseDate() or a "
		                         "similar conversion\n",
		                         count, count == 1 ? "value could" : "values could");
	}
	if (summary.rows_dropped > 0) {
		std::cerr << fmt::format("sumoql: {} dropped because a function could not use a value: isPrivateIP(), "
		                         "isPublicIP() or isReservedIP() of an invalid IPv4 address, or format() of a value "
		                         "its pattern does not take\n",
		                         plural(summary.rows_dropped, "row"));
	}
	if (summary.invalid_arguments > 0) {
		std::uint64_t count = summary.invalid_arguments;
		std::cerr << fmt::format("sumoql: {} {} an invalid function argument, such as a substring() range "
		                         "outside the text, and became null\n",
		                         count, count == 1 ? "call had" : "calls had");
	}
	if (summary.dropped_groups > 0) {
		std::cerr << fmt::format("sumoql: count_frequent left out {} with smaller counts, because it outputs only "
		                         "the 10,000 largest\n",
		                         plural(summary.dropped_groups, "group"));
	}
}

std::unique_ptr<ResultWriter> MakeWriter(const QueryPlan &plan, const RunSettings &settings) {
	auto writer = MakeResultWriter(ChooseFormat(settings.format), std::cout);
	if (!plan.output.include_event_fields) {
		std::vector<std::string> names;
		const auto &auto_slots = plan.output.auto_field_slots;
		for (idx_t slot : plan.output.columns) {
			// An auto extraction's keys are known only from its rows.
			if (std::find(auto_slots.begin(), auto_slots.end(), slot) == auto_slots.end()) {
				names.push_back(plan.schema.name(slot));
			}
		}
		writer->DeclareColumns(std::move(names));
	}
	return writer;
}

int Run(RunSettings &settings) {
	QueryText query;
	std::vector<std::string> inputs = settings.arguments;
	if (settings.has_expression) {
		query = MakeQueryText("<query>", settings.expression, settings.parameters);
	} else if (inputs.empty()) {
		std::cerr << "sumoql: error: missing QUERY_FILE; give a query file or -e 'QUERY'\n";
		return static_cast<int>(ExitCode::kInputError);
	} else {
		query = ReadQueryFile(inputs.front(), settings.parameters);
		inputs.erase(inputs.begin());
	}

	// A run cannot guess a parameter's value, so every unfilled one is an error.
	std::vector<Diagnostic> diagnostics = DescribeUnfilledParameters(query, Severity::kError);
	if (!diagnostics.empty()) {
		PrintDiagnostics(query, diagnostics);
		return static_cast<int>(ExitCode::kQueryError);
	}

	ast::Query parsed;
	const bool parsed_ok = ParseQueryText(query, settings.strict, parsed, diagnostics);
	PrintDiagnostics(query, diagnostics);
	if (!parsed_ok) {
		return static_cast<int>(ExitCode::kQueryError);
	}

	PlanOptions plan_options;
	plan_options.now_ms = WallClockMs();
	if (settings.has_now) {
		auto now = ParseUserTime(settings.now);
		if (!now) {
			std::cerr << fmt::format("sumoql: error: invalid --now value '{}'; give {}\n", settings.now,
			                         kUserTimeForms);
			return static_cast<int>(ExitCode::kInputError);
		}
		plan_options.now_ms = *now;
	}
	if (!SetTimeRange(settings, plan_options)) {
		return static_cast<int>(ExitCode::kInputError);
	}
	if (!settings.time_zone.empty() && !ParseZoneOffset(settings.time_zone)) {
		std::cerr << fmt::format("sumoql: error: invalid --time-zone value '{}'; {}\n", settings.time_zone,
		                         ZoneOffsetHint(settings.time_zone));
		return static_cast<int>(ExitCode::kInputError);
	}
	if (parsed.cat_table && !inputs.empty()) {
		std::cerr << "sumoql: error: the query starts with 'cat', which reads its lookup table, so give no "
		             "input files\n";
		return static_cast<int>(ExitCode::kInputError);
	}

	std::optional<ProjectConfig> config = LoadConfig(settings);
	plan_options.lookups = MakeLookupCatalog(settings, config);
	InputPlan input_plan;
	try {
		input_plan = PlanInputs(inputs, config, MakeCommandLineSource(settings), settings.quiet);
	} catch (const ExtractionRulesError &error) {
		PrintDiagnostics(error.rules, error.diagnostics);
		return static_cast<int>(ExitCode::kQueryError);
	}
	plan_options.sources = input_plan.sources;
	CheckInputsReadable(input_plan);

	std::unique_ptr<QueryPlan> plan;
	try {
		plan = PlanQuery(parsed, plan_options);
	} catch (const QueryError &error) {
		PrintDiagnostics(query, error.diagnostics());
		return static_cast<int>(ExitCode::kQueryError);
	}

	// Worker threads plan the same query again, for operator state of their own.
	PlanFactory make_plan = [&parsed, &plan_options]() { return PlanQuery(parsed, plan_options); };
	auto writer = MakeWriter(*plan, settings);
	auto progress = std::make_shared<ProgressLine>(!settings.quiet && isatty(STDERR_FILENO));
	QueryExecutor executor(*plan, *writer, MakeBadInputHandler(settings, progress), make_plan, settings.threads);
	executor.SetProgressHandler(
	    [progress](std::uint64_t bytes, std::uint64_t events) { progress->Update(bytes, events); });
	try {
		if (plan->cat_table) {
			executor.ReadTable(*plan->cat_table, plan->cat_table_name);
			input_plan.inputs.clear();
		}
		for (const auto &input : input_plan.inputs) {
			std::error_code size_error;
			std::uint64_t size = input.path == "-" ? 0 : std::filesystem::file_size(input.path, size_error);
			progress->StartFile(input.path, size_error ? 0 : size);
			executor.ReadInput(input.path, input.source);
		}
		progress->Clear();
		executor.Finish();
	} catch (const QueryError &error) {
		// An operator met one of Sumo Logic's documented limits while it ran.
		progress->Clear();
		std::cout.flush();
		PrintDiagnostics(query, error.diagnostics());
		return static_cast<int>(ExitCode::kQueryError);
	}
	std::cout.flush();

	RunSummary summary = executor.summary();
	if (settings.stage_counts) {
		PrintStageCounts(summary, *plan);
	}
	if (!settings.quiet) {
		PrintFileSummaries(summary, input_plan);
		PrintSummary(summary);
	}
	return static_cast<int>(ExitCode::kSuccess);
}

} // namespace

void AddRunCommand(CLI::App &app, int &exit_code) {
	auto settings = std::make_shared<RunSettings>();
	CLI::App *run = app.add_subcommand("run", "Run a query over event files and print the result rows.");
	run->footer(std::string("\nExample:\n  sumoql run queries/t1568.003-dns-calculation.sumo "
	                        "fixtures/t1568.003/sysmon3-crafted.jsonl\n\n") +
	            kExitCodeHelp);

	run->add_option("arguments", settings->arguments,
	                "QUERY_FILE then INPUT files: NDJSON or a JSON array, either gzip-compressed, or .evtx. "
	                "'-' reads standard input. With no INPUT, the files of the config's sources are read, or "
	                "standard input without a config. With -e, every argument is an input.");
	CLI::Option *expression =
	    run->add_option("-e,--expression", settings->expression, "Query text to run in place of a query file.");
	run->add_option("-f,--format", settings->format,
	                "Output format: table, jsonl, json or csv. Default: table on a terminal, else jsonl.")
	    ->check(CLI::IsMember({"table", "jsonl", "json", "csv"}));
	run->add_option("--source-category", settings->source_category,
	                "_sourceCategory for events that have none, as a Sumo collector would set it.");
	run->add_option("--set", settings->assignments,
	                "FIELD=VALUE for events that lack FIELD, such as _sourceHost=web-1. Repeat the option for "
	                "several fields.")
	    ->allow_extra_args(false)
	    ->check([](const std::string &value) {
		    return value.find('=') == std::string::npos || value.front() == '='
		               ? std::string("expected FIELD=VALUE, got '") + value + "'"
		               : std::string();
	    });
	run->add_option("--time-field", settings->time_field,
	                "Event key that holds the event time (ISO 8601, 'YYYY-MM-DD HH:MM:SS.fff' or epoch ms; "
	                "UTC unless the text has a zone). Default: the first of _messageTime, @timestamp, UtcTime, "
	                "TimeCreated, EventTime.");
	run->add_option("--time-zone", settings->time_zone,
	                "Zone of local event times written without one, as a fixed offset: UTC, +02:00, -05:00; "
	                "never applied to UtcTime or SystemTime, which are UTC. "
	                "Default: UTC.");
	run->add_option("--time-format", settings->time_format,
	                "How the time field is written: auto (ISO 8601, 'YYYY-MM-DD HH:MM:SS.fff' or epoch ms), "
	                "epoch_s or epoch_ms. Default: auto.")
	    ->check(CLI::IsMember({"auto", "epoch_s", "epoch_ms"}));
	run->add_option("--from", settings->from,
	                "Start of the time range, inclusive: an ISO 8601 time (UTC unless it has a zone), a date "
	                "alone (midnight UTC), epoch ms, now, or a time before --now such as -24h, -30m, -7d. "
	                "Events without a time are outside every range. Without it the range has no start.");
	run->add_option("--to", settings->to,
	                "End of the time range, exclusive, in the forms --from takes. Without it the range has no "
	                "end, even with a relative --from.");
	run->add_option("--config", settings->config_path,
	                "Project config file that declares sources. Default: sumoql.yaml in the current folder, "
	                "when it exists.");
	run->add_option("--fer", settings->fers,
	                "Field extraction rule file (.sumo parse stages) that runs on each event before the query. "
	                "Repeat the option for several files; they run in order.")
	    ->allow_extra_args(false);
	run->add_option("--lookup", settings->lookups,
	                "TABLE=FILE: read the lookup table that a query names as path://\"TABLE\" from the CSV file "
	                "FILE, whose first line names the columns. Repeat the option for several tables.")
	    ->allow_extra_args(false)
	    ->check([](const std::string &value) {
		    auto equals = value.rfind('=');
		    return equals == std::string::npos || equals == 0 || equals + 1 == value.size()
		               ? std::string("expected TABLE=FILE, such as /Library/Users/x/users=tables/users.csv, got '") +
		                     value + "'"
		               : std::string();
	    });
	std::string layouts = "auto, none";
	for (const auto &layout : ShippedLayouts()) {
		layouts += fmt::format(", {}", layout.name);
	}
	run->add_option("--layout", settings->layout,
	                "Run the shipped field extraction rule of a Sysmon log layout: " + layouts +
	                    ". auto detects each file's layout from its first events. Default: none.")
	    ->check([](const std::string &value) {
		    return value == kAutoLayout || value == kNoLayout || FindLayout(value)
		               ? std::string()
		               : "unknown layout '" + value + "'; see --help for the names";
	    });
	run->add_flag("--stage-counts", settings->stage_counts,
	              "Print on stderr how many rows entered and left each query stage.");
	AddParameterOption(*run, settings->parameters);
	run->add_flag("--strict", settings->strict,
	              "Reject constructs real Sumo Logic rejects (eval, parse without '*', unparenthesised '!').");
	run->add_flag("--fail-on-bad-input", settings->fail_on_bad_input,
	              "Stop with exit code 2 at the first invalid event instead of skipping it.");
	run->add_flag("-q,--quiet", settings->quiet, "Do not print the run summary, the detected layouts or the progress line on stderr.");
	run->add_option("--threads", settings->threads,
	                "Threads that read and filter events. Rows and their order are the same for any count. "
	                "Default: the number of cores.")
	    ->check(CLI::Range(1u, 256u));
	CLI::Option *now = run->add_option("--now", settings->now,
	                                   "The query's notion of now, for now() and relative time ranges: epoch "
	                                   "milliseconds, an ISO 8601 time such as 2024-06-03T14:00:00Z (UTC "
	                                   "without a zone), or a date alone (midnight UTC). Default: the wall "
	                                   "clock when the run starts.");

	run->callback([settings, expression, now, &exit_code]() {
		settings->has_expression = expression->count() > 0;
		settings->has_now = now->count() > 0;
		try {
			exit_code = Run(*settings);
		} catch (const InputError &error) {
			std::cout.flush();
			std::cerr << "sumoql: error: " << error.what() << '\n';
			exit_code = static_cast<int>(ExitCode::kInputError);
		} catch (const ConfigError &error) {
			std::cerr << "sumoql: error: " << error.what() << '\n';
			exit_code = static_cast<int>(ExitCode::kInputError);
		}
	});
}

} // namespace sumoql
