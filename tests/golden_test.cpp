// Runs the golden query tests under tests/golden. Each `.test` file contains cases of the form:
//
//   # what the case checks
//   query                      (or: query_file PATH, relative to the repository root)
//   | where x = "1" | fields x
//   input                      (or: input_file PATH)
//   {"x": "1"}
//   skip REASON                (optional; keeps a case whose feature sumoql lacks)
//   options                    (optional; one line of --source-category, --set, --strict,
//   --strict                    --time-field, --time-zone, --now, --from, --to (absolute times),
//                               --layout NAME, --fer PATH relative to the repository root,
//                               --lookup TABLE=FILE with FILE relative to the repository root,
//                               double-quoted when TABLE has spaces)
//   ----
//   {"x":"1"}                  (expected rows in order; none means no rows; or
//                               `error LINE:COL [message part]` for a query that must fail)
//
// A blank line ends a case.

#include "engine/execution/field_order.hpp"
#include "engine/execution/query_executor.hpp"
#include "engine/readers/timestamp.hpp"
#include "engine/sources/extraction_rules.hpp"
#include "engine/sources/layouts.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/extensions.hpp"
#include "grammar/parser.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace sumoql {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
	std::string file;
	int line = 0;
	std::string description;
	std::string query;
	std::string query_file;
	std::vector<std::string> input_lines;
	std::string input_file;
	std::string options;
	std::vector<std::string> expected_rows;
	std::string expected_error;
	//! Set by a `skip REASON` line: the case is kept, with its expected rows, but not run.
	std::string skip_reason;
};

std::string ReadFile(const fs::path &path) {
	std::ifstream file(path, std::ios::binary);
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

enum class Section { kNone, kQuery, kInput, kOptions, kExpected };

std::vector<GoldenCase> ParseGoldenFile(const fs::path &path, const std::string &relative_name) {
	std::vector<GoldenCase> cases;
	std::ifstream file(path);
	std::string line;
	int line_number = 0;
	Section section = Section::kNone;
	GoldenCase current;
	bool in_case = false;

	auto finish = [&]() {
		if (in_case && (!current.query.empty() || !current.query_file.empty())) {
			cases.push_back(current);
		}
		current = GoldenCase {};
		in_case = false;
		section = Section::kNone;
	};

	while (std::getline(file, line)) {
		line_number++;
		if (section != Section::kQuery && section != Section::kInput && line.empty()) {
			if (section == Section::kExpected) {
				finish();
			}
			continue;
		}
		if (section == Section::kNone && (line.starts_with("# name:") || line.starts_with("# description:"))) {
			continue;
		}
		if (section == Section::kNone && line.starts_with("skip ")) {
			current.skip_reason = line.substr(5);
			continue;
		}
		if (section == Section::kNone && line.starts_with("#")) {
			if (!in_case) {
				in_case = true;
				current.file = relative_name;
				current.line = line_number;
				current.description = line.substr(1);
			}
			continue;
		}
		if (line == "query") {
			in_case = true;
			if (current.line == 0) {
				current.file = relative_name;
				current.line = line_number;
			}
			section = Section::kQuery;
		} else if (line.starts_with("query_file ")) {
			current.query_file = line.substr(11);
			section = Section::kNone;
		} else if (line == "input") {
			section = Section::kInput;
		} else if (line.starts_with("input_file ")) {
			current.input_file = line.substr(11);
			section = Section::kNone;
		} else if (line == "options") {
			section = Section::kOptions;
		} else if (line == "----") {
			section = Section::kExpected;
		} else if (section == Section::kQuery) {
			current.query += (current.query.empty() ? "" : "\n") + line;
		} else if (section == Section::kInput) {
			if (!line.empty()) {
				current.input_lines.push_back(line);
			}
		} else if (section == Section::kOptions) {
			current.options += line + " ";
		} else if (section == Section::kExpected) {
			if (line.starts_with("error ")) {
				current.expected_error = line.substr(6);
			} else {
				current.expected_rows.push_back(line);
			}
		}
	}
	finish();
	return cases;
}

std::vector<GoldenCase> LoadGoldenCases() {
	std::vector<GoldenCase> cases;
	fs::path root = fs::path(SUMOQL_SOURCE_DIR) / "tests" / "golden";
	if (!fs::exists(root)) {
		return cases;
	}
	std::vector<fs::path> files;
	for (const auto &entry : fs::recursive_directory_iterator(root)) {
		if (entry.path().extension() == ".test") {
			files.push_back(entry.path());
		}
	}
	std::sort(files.begin(), files.end());
	for (const auto &path : files) {
		auto file_cases = ParseGoldenFile(path, fs::relative(path, root).string());
		cases.insert(cases.end(), file_cases.begin(), file_cases.end());
	}
	return cases;
}

class CollectingWriter : public ResultWriter {
public:
	void WriteRow(const nlohmann::ordered_json &row) override {
		rows.push_back(row);
	}
	std::vector<nlohmann::ordered_json> rows;
};

struct CaseOptions {
	PlanOptions plan;
	bool strict = false;
	//! Field extraction rules that plan.sources[0] points into.
	std::vector<std::unique_ptr<ExtractionRules>> rules;
};

//! Adds the extraction rule `text` to the case's only source.
void AddRules(CaseOptions &options, const std::string &name, std::string text) {
	options.rules.push_back(std::make_unique<ExtractionRules>(ParseExtractionRules(name, std::move(text))));
	for (const ast::Operator *stage : options.rules.back()->StagePointers()) {
		options.plan.sources[0].fer_stages.push_back(stage);
	}
}

CaseOptions ParseOptions(const std::string &text) {
	CaseOptions options;
	options.plan.sources.emplace_back();
	SourceOptions &source = options.plan.sources[0];
	std::istringstream words(text);
	std::string word;
	while (words >> word) {
		if (word == "--strict") {
			options.strict = true;
		} else if (word == "--source-category") {
			words >> word;
			source.defaults.emplace_back("_sourceCategory", word);
		} else if (word == "--set") {
			words >> word;
			auto equals = word.find('=');
			source.defaults.emplace_back(word.substr(0, equals), word.substr(equals + 1));
		} else if (word == "--time-field") {
			words >> word;
			source.time_fields.push_back(word);
		} else if (word == "--now") {
			words >> word;
			options.plan.now_ms = std::stoll(word);
		} else if (word == "--time-zone") {
			words >> word;
			source.time_zone_minutes = ParseZoneOffset(word).value_or(0);
		} else if (word == "--from" || word == "--to") {
			std::string bound;
			words >> bound;
			(word == "--from" ? options.plan.from : options.plan.to) = ParseTimestamp(bound);
		} else if (word == "--layout") {
			words >> word;
			const Layout *layout = FindLayout(word);
			if (!layout) {
				ADD_FAILURE() << "unknown layout in a golden case: " << word;
				continue;
			}
			source.time_fields.assign(layout->time_fields.begin(), layout->time_fields.end());
			AddRules(options, "layout " + word, std::string(ShippedExtractionRules().at(layout->name)));
		} else if (word == "--fer") {
			words >> word;
			AddRules(options, word, ReadFile(fs::path(SUMOQL_SOURCE_DIR) / word));
		} else if (word == "--lookup") {
			// A table path may contain spaces, so the mapping may be double-quoted.
			words >> std::quoted(word);
			auto equals = word.rfind('=');
			if (!options.plan.lookups) {
				options.plan.lookups = std::make_shared<LookupCatalog>();
			}
			options.plan.lookups->Map(word.substr(0, equals),
			                          (fs::path(SUMOQL_SOURCE_DIR) / word.substr(equals + 1)).string());
		} else {
			ADD_FAILURE() << "unknown option in a golden case: " << word;
		}
	}
	return options;
}

std::string FormatError(const QueryError &query_error) {
	const Diagnostic &first = query_error.diagnostics().front();
	return std::to_string(first.span.line) + ":" + std::to_string(first.span.column) + " " + first.message;
}

//! Runs the case; returns the rows, or sets `error` to "LINE:COL message" of the first error,
//! whether planning or running the query raised it.
std::vector<nlohmann::ordered_json> RunCase(const GoldenCase &test_case, std::string &error) {
	std::string query_text = test_case.query_file.empty()
	                             ? test_case.query
	                             : ReadFile(fs::path(SUMOQL_SOURCE_DIR) / test_case.query_file);
	CaseOptions options = ParseOptions(test_case.options);

	std::unique_ptr<QueryPlan> plan;
	try {
		ast::Query query = ParseQuery(query_text);
		AddFieldOrderFindings(query);
		auto extensions = DescribeExtensions(query, Severity::kError);
		if (options.strict && !extensions.empty()) {
			throw QueryError(extensions);
		}
		plan = PlanQuery(query, options.plan);
	} catch (const QueryError &query_error) {
		error = FormatError(query_error);
		return {};
	}

	fs::path input_path;
	fs::path temporary;
	if (!test_case.input_file.empty()) {
		input_path = fs::path(SUMOQL_SOURCE_DIR) / test_case.input_file;
	} else {
		temporary = fs::temp_directory_path() / ("sumoql_golden_" + std::to_string(::getpid()) + ".jsonl");
		std::ofstream out(temporary, std::ios::binary);
		for (const auto &line : test_case.input_lines) {
			out << line << '\n';
		}
		input_path = temporary;
	}

	CollectingWriter writer;
	QueryExecutor executor(*plan, writer, nullptr);
	try {
		if (plan->cat_table) {
			executor.ReadTable(*plan->cat_table, plan->cat_table_name);
		} else {
			executor.ReadInput(input_path.string());
		}
		executor.Finish();
	} catch (const QueryError &query_error) {
		error = FormatError(query_error);
	}
	if (!temporary.empty()) {
		fs::remove(temporary);
	}
	return writer.rows;
}

//! Names a case by its place in its file, so test listings stay readable.
void PrintTo(const GoldenCase &test_case, std::ostream *out) {
	*out << test_case.file << ":" << test_case.line;
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, ProducesExpectedRows) {
	const GoldenCase &test_case = GetParam();
	SCOPED_TRACE(test_case.file + ":" + std::to_string(test_case.line) + ":" + test_case.description);

	if (!test_case.skip_reason.empty()) {
		GTEST_SKIP() << test_case.skip_reason;
	}

	std::string error;
	auto rows = RunCase(test_case, error);

	if (!test_case.expected_error.empty()) {
		std::string expected_position = test_case.expected_error.substr(0, test_case.expected_error.find(' '));
		EXPECT_EQ(error.substr(0, error.find(' ')), expected_position) << "error was: " << error;
		auto message_start = test_case.expected_error.find(' ');
		if (message_start != std::string::npos) {
			EXPECT_NE(error.find(test_case.expected_error.substr(message_start + 1)), std::string::npos)
			    << "error was: " << error;
		}
		return;
	}
	ASSERT_EQ(error, "") << "the query failed";

	ASSERT_EQ(rows.size(), test_case.expected_rows.size()) << "row count differs";
	for (std::size_t i = 0; i < rows.size(); i++) {
		auto expected = nlohmann::ordered_json::parse(test_case.expected_rows[i]);
		EXPECT_EQ(rows[i].dump(), expected.dump()) << "row " << i + 1;
	}
}

std::string CaseName(const ::testing::TestParamInfo<GoldenCase> &info) {
	std::string name = info.param.file + "_line" + std::to_string(info.param.line);
	for (char &c : name) {
		if (!std::isalnum(static_cast<unsigned char>(c))) {
			c = '_';
		}
	}
	return name;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(LoadGoldenCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

} // namespace
} // namespace sumoql
