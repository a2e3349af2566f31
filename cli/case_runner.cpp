#include "cli/case_runner.hpp"

#include "cli/input_sources.hpp"
#include "cli/query_text.hpp"
#include "engine/execution/query_executor.hpp"
#include "engine/readers/input_error.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/extensions.hpp"
#include "grammar/parser.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

namespace sumoql {

namespace fs = std::filesystem;

namespace {

//! Keeps result rows in memory for comparison.
class CollectingWriter : public ResultWriter {
public:
	void WriteRow(const nlohmann::ordered_json &row) override {
		rows.push_back(row);
	}

	std::vector<nlohmann::ordered_json> rows;
};

//! An NDJSON file holding a case's inline events, removed when it goes out of scope. The reader
//! takes file paths, so inline events go through the same reader as event files.
class InlineEventFile {
public:
	explicit InlineEventFile(const std::vector<std::string> &lines) {
		std::string pattern = (fs::temp_directory_path() / "sumoql-test-XXXXXX.jsonl").string();
		int fd = ::mkstemps(pattern.data(), 6);
		if (fd < 0) {
			throw InputError(fmt::format("cannot create a temporary file for inline events in {}: {}",
			                             fs::temp_directory_path().string(), std::strerror(errno)));
		}
		path_ = pattern;

		std::string text;
		for (const auto &line : lines) {
			text += line + '\n';
		}
		bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
		::close(fd);
		if (!written) {
			throw InputError(fmt::format("cannot write inline events to {}", path_));
		}
	}

	~InlineEventFile() {
		std::error_code ignored;
		fs::remove(path_, ignored);
	}

	InlineEventFile(const InlineEventFile &) = delete;
	InlineEventFile &operator=(const InlineEventFile &) = delete;

	const std::string &path() const {
		return path_;
	}

private:
	std::string path_;
};

//! Describes the errors among `diagnostics` as `LINE:COLUMN: message`. With `query`, the spans are
//! in its filled text and are shown at their places in the text as written.
std::vector<std::string> DescribeDiagnostics(const std::vector<Diagnostic> &diagnostics,
                                             const QueryText *query = nullptr) {
	std::vector<std::string> messages;
	for (const auto &diagnostic : diagnostics) {
		if (diagnostic.severity != Severity::kError) {
			continue;
		}
		SourceSpan span = query ? query->filled.ToOriginal(diagnostic.span, query->text) : diagnostic.span;
		messages.push_back(fmt::format("{}:{}: {}", span.line, span.column, diagnostic.message));
	}
	return messages;
}

std::int64_t WallClockMs() {
	auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
	return std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
}

CommandLineSource MakeSource(const TestCase &test_case) {
	CommandLineSource source;
	source.metadata = test_case.metadata;
	source.time_field = test_case.time_field.value_or("");
	source.layout = test_case.layout;
	for (const auto &path : test_case.fers) {
		source.fers.push_back(path.string());
	}
	return source;
}

//! Fills the case's template parameters, parses the query and, when the case sets `strict`,
//! rejects its extensions, as `sumoql run --param` does. Returns false after putting the errors
//! in `run.errors`.
bool ParseCase(const QueryText &text, const TestCase &test_case, ast::Query &query, CaseRun &run) {
	std::vector<Diagnostic> diagnostics = DescribeUnfilledParameters(text, Severity::kError);
	if (!diagnostics.empty()) {
		run.errors = DescribeDiagnostics(diagnostics, &text);
		return false;
	}
	if (!ParseQueryText(text, test_case.strict, query, diagnostics)) {
		run.errors = DescribeDiagnostics(diagnostics, &text);
		return false;
	}
	return true;
}

//! Fails the run at the first invalid event. An inline event is named by its place in the test
//! file and as `events[N]`, counting from 1 as the list does, in place of the temporary file's
//! path and line.
BadInputHandler MakeBadInputHandler(const std::string &inline_path, const std::vector<std::string> &places) {
	return [inline_path, &places](const std::string &location, const std::string &message) {
		std::string where = location;
		if (!inline_path.empty() && location.starts_with(inline_path + ":")) {
			std::string number = location.substr(inline_path.size() + 1);
			std::size_t index = std::stoul(number) - 1;
			where = index < places.size() ? fmt::format("{}: events[{}]", places[index], number)
			                              : fmt::format("events[{}]", number);
		}
		throw InputError(fmt::format("{}: invalid event: {}", where, message));
	};
}

} // namespace

CaseRun RunCase(const std::string &query_text, const TestCase &test_case) {
	CaseRun run;
	std::map<std::string, std::string> params(test_case.params.begin(), test_case.params.end());
	QueryText text = MakeQueryText("<query>", query_text, params);
	ast::Query query;
	if (!ParseCase(text, test_case, query, run)) {
		return run;
	}

	try {
		// The inline events get a file even when there are none, so that every case has an input
		// and none reads standard input.
		InlineEventFile inline_events(test_case.event_lines);
		std::vector<std::string> paths;
		for (const auto &file : test_case.event_files) {
			paths.push_back(file.string());
		}
		paths.push_back(inline_events.path());
		InputPlan inputs = PlanInputs(paths, std::nullopt, MakeSource(test_case), true);

		PlanOptions options;
		options.now_ms = test_case.now_ms ? *test_case.now_ms : WallClockMs();
		options.sources = inputs.sources;
		std::unique_ptr<QueryPlan> plan = PlanQuery(query, options);

		CollectingWriter writer;
		QueryExecutor executor(*plan, writer, MakeBadInputHandler(inline_events.path(), test_case.event_places));
		for (const auto &input : inputs.inputs) {
			executor.ReadInput(input.path, input.source);
		}
		executor.Finish();
		run.rows = std::move(writer.rows);
	} catch (const QueryError &error) {
		run.errors = DescribeDiagnostics(error.diagnostics(), &text);
	} catch (const ExtractionRulesError &error) {
		for (const auto &message : DescribeDiagnostics(error.diagnostics)) {
			run.errors.push_back(error.rules.source_name + ":" + message);
		}
	} catch (const InputError &error) {
		run.errors.push_back(error.what());
		run.input_failed = true;
	}
	return run;
}

} // namespace sumoql
