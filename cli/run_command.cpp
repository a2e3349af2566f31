#include "cli/run_command.hpp"

#include "cli/exit_code.hpp"
#include "cli/query_text.hpp"
#include "engine/execution/query_executor.hpp"
#include "engine/readers/input_error.hpp"
#include "grammar/diagnostic.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
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
	std::string time_field;
	bool strict = false;
	bool fail_on_bad_input = false;
	bool quiet = false;
	unsigned threads = std::max(1u, std::thread::hardware_concurrency());
	//! --now in milliseconds since the Unix epoch. Without it, the wall clock at start is used.
	std::optional<std::int64_t> now_ms;
	//! Set when -e was given, even with empty text, so no argument is taken as the query file.
	bool has_expression = false;
};

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

PlanOptions MakePlanOptions(const RunSettings &settings) {
	PlanOptions options;
	options.now_ms = settings.now_ms ? *settings.now_ms : WallClockMs();
	if (!settings.time_field.empty()) {
		options.time_field = settings.time_field;
	}
	if (!settings.source_category.empty()) {
		options.defaults.emplace_back("_sourceCategory", settings.source_category);
	}
	for (const auto &assignment : settings.assignments) {
		auto equals = assignment.find('=');
		options.defaults.emplace_back(assignment.substr(0, equals), assignment.substr(equals + 1));
	}
	return options;
}

BadInputHandler MakeBadInputHandler(const RunSettings &settings) {
	auto shown = std::make_shared<std::uint64_t>(0);
	bool fatal = settings.fail_on_bad_input;
	return [shown, fatal](const std::string &location, const std::string &message) {
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

void PrintSummary(const RunSummary &summary) {
	const auto &input = summary.input;
	auto plural = [](std::uint64_t count, const char *word) {
		return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
	};
	std::cerr << fmt::format("sumoql: {} read from {}, {} output, {} skipped\n", plural(input.events_read, "event"),
	                         plural(input.files_read, "file"), plural(summary.rows_output, "row"),
	                         plural(input.bad_lines, "bad line"));
	if (input.events_without_time > 0) {
		std::cerr << fmt::format("sumoql: {} had no readable time and got a null _messageTime; name the time key "
		                         "with --time-field\n",
		                         plural(input.events_without_time, "event"));
	}
	if (summary.failed_conversions > 0) {
		std::uint64_t count = summary.failed_conversions;
		std::cerr << fmt::format("sumoql: {} {} not a number and became null in num() or a similar cast\n", count,
		                         count == 1 ? "value was" : "values were");
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
}

std::unique_ptr<ResultWriter> MakeWriter(const QueryPlan &plan, const RunSettings &settings) {
	auto writer = MakeResultWriter(ChooseFormat(settings.format), std::cout);
	if (!plan.output.include_event_fields) {
		std::vector<std::string> names;
		for (idx_t slot : plan.output.columns) {
			names.push_back(plan.schema.name(slot));
		}
		writer->DeclareColumns(std::move(names));
	}
	return writer;
}

int Run(RunSettings &settings) {
	QueryText query;
	std::vector<std::string> inputs = settings.arguments;
	if (settings.has_expression) {
		query = {"<query>", settings.expression};
	} else if (inputs.empty()) {
		std::cerr << "sumoql: error: missing QUERY_FILE; give a query file or -e 'QUERY'\n";
		return static_cast<int>(ExitCode::kInputError);
	} else {
		query = ReadQueryFile(inputs.front());
		inputs.erase(inputs.begin());
	}
	if (inputs.empty()) {
		inputs.push_back("-");
	}

	ast::Query parsed;
	if (!ParseAndReport(query, settings.strict, parsed)) {
		return static_cast<int>(ExitCode::kQueryError);
	}

	PlanOptions plan_options = MakePlanOptions(settings);
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
	QueryExecutor executor(*plan, *writer, MakeBadInputHandler(settings), make_plan, settings.threads);
	for (const auto &input : inputs) {
		executor.ReadInput(input);
	}
	executor.Finish();
	std::cout.flush();

	if (!settings.quiet) {
		PrintSummary(executor.summary());
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
	                "QUERY_FILE then INPUT files (NDJSON or a JSON array; '-' or none reads standard input). "
	                "With -e, every argument is an input.");
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
	run->add_flag("--strict", settings->strict,
	              "Reject constructs real Sumo Logic rejects (eval, parse without '*', unparenthesised '!').");
	run->add_flag("--fail-on-bad-input", settings->fail_on_bad_input,
	              "Stop with exit code 2 at the first invalid event instead of skipping it.");
	run->add_flag("-q,--quiet", settings->quiet, "Do not print the run summary on stderr.");
	run->add_option("--threads", settings->threads,
	                "Threads that read and filter events. Rows and their order are the same for any count. "
	                "Default: the number of cores.")
	    ->check(CLI::Range(1u, 256u));
	run->add_option("--now", settings->now_ms,
	                "The query's notion of now, in milliseconds since the Unix epoch (UTC), for now() and "
	                "relative time ranges. Default: the wall clock when the run starts.");

	run->callback([settings, expression, &exit_code]() {
		settings->has_expression = expression->count() > 0;
		try {
			exit_code = Run(*settings);
		} catch (const InputError &error) {
			std::cout.flush();
			std::cerr << "sumoql: error: " << error.what() << '\n';
			exit_code = static_cast<int>(ExitCode::kInputError);
		}
	});
}

} // namespace sumoql
