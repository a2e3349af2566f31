// The sumoql command as a user runs it: exit codes, diagnostics, the run summary, and the
// shipped detection over the shipped fixtures and, when present, over real logs.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

using sumoql::testing::RunSumoql;

std::size_t CountOccurrences(const std::string &text, const std::string &part) {
	std::size_t count = 0;
	for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
		count++;
	}
	return count;
}

const char *kDetection = "queries/t1568.003-dns-calculation.sumo";

TEST(Cli, DetectionRunsOnCraftedFixture) {
	auto result = RunSumoql(std::string("run -f jsonl ") + kDetection + " fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_NE(result.out.find("matched_formula"), std::string::npos);
	EXPECT_NE(result.err.find("rows output"), std::string::npos);
}

TEST(Cli, ExtensionWarningsAppearOncePerKind) {
	auto result = RunSumoql(std::string("run -f jsonl ") + kDetection + " fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(CountOccurrences(result.err, "warning SQ2001: 'eval' is not a Sumo Logic operator"), 1u) << result.err;
	EXPECT_EQ(CountOccurrences(result.err, "warning SQ2002: an anchor 'parse'"), 1u) << result.err;
	EXPECT_EQ(CountOccurrences(result.err, "warning SQ2003: '!' before a comparison"), 1u) << result.err;
}

TEST(Cli, StrictRejectsDetectionAtSamePositions) {
	auto result = RunSumoql(std::string("run --strict ") + kDetection + " fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find(std::string(kDetection) + ":3:3: error SQ2002: an anchor 'parse'"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(std::string(kDetection) + ":5:9: error SQ2003: '!' before a comparison"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(std::string(kDetection) + ":30:3: error SQ2001: 'eval'"), std::string::npos) << result.err;
	EXPECT_EQ(result.out, "");
}

TEST(Cli, CheckStrictReportsExactlyThreeExtensions) {
	auto result = RunSumoql(std::string("check --strict ") + kDetection);
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(CountOccurrences(result.err, ": error SQ"), 3u) << result.err;
	EXPECT_NE(result.err.find(std::string(kDetection) + ":3:3: error SQ2002: an anchor 'parse'"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(std::string(kDetection) + ":5:9: error SQ2003: '!' before a comparison"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(std::string(kDetection) + ":30:3: error SQ2001: 'eval'"), std::string::npos) << result.err;
}

TEST(Cli, CheckStrictAcceptsNativeDetection) {
	auto result = RunSumoql("check --strict queries/t1568.003-dns-calculation.native.sumo");
	EXPECT_EQ(result.exit_code, 0);
	EXPECT_EQ(result.err, "");
}

TEST(Cli, SyntaxErrorShowsCaret) {
	auto result = RunSumoql("run -e '| where x = \"abc' -");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find("<query>:1:13: error SQ1001:"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("| where x = \"abc\n            ^"), std::string::npos) << result.err;
}

TEST(Cli, UnknownOperatorIsQueryError) {
	auto result = RunSumoql("run -e '| frobnicate x' -");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find("<query>:1:3: error SQ1001:"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("frobnicate"), std::string::npos) << result.err;
}

TEST(Cli, BadJsonLineIsReportedAndSkipped) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_bad_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::ofstream out(input);
		out << "{\"x\": \"1\"}\n{\"x\": \"2\"\n{\"x\": \"3\"}\n";
	}
	auto result = RunSumoql("run -f jsonl -e '| fields x' " + input.string());
	EXPECT_EQ(result.exit_code, 0);
	EXPECT_EQ(result.out, "{\"x\":\"1\"}\n{\"x\":\"3\"}\n");
	EXPECT_NE(result.err.find(input.string() + ":2: invalid event, skipped"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("2 events read from 1 file, 2 rows output, 1 bad line skipped"), std::string::npos)
	    << result.err;

	auto fatal = RunSumoql("run --fail-on-bad-input -f jsonl -e '| fields x' " + input.string());
	EXPECT_EQ(fatal.exit_code, 2);
	EXPECT_NE(fatal.err.find(input.string() + ":2:"), std::string::npos) << fatal.err;
	fs::remove(input);
}

TEST(Cli, MissingInputFileIsInputError) {
	auto result = RunSumoql("run -e '| fields x' /nonexistent/events.jsonl");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("sumoql: error: /nonexistent/events.jsonl: cannot open"), std::string::npos);
}

TEST(Cli, UnknownOptionIsUsageError) {
	auto result = RunSumoql("run --no-such-option x.sumo");
	EXPECT_EQ(result.exit_code, 2);
}

TEST(Cli, NowOptionFreezesNow) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_now_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::ofstream out(input);
		out << "{}\n";
	}
	auto result = RunSumoql("run -q -f jsonl --now 1700000123456 -e '| now() as t | fields t' " + input.string());
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"t\":1700000123456}\n");
	fs::remove(input);

	auto invalid = RunSumoql("run --now yesterday -e '| fields x' - < /dev/null");
	EXPECT_EQ(invalid.exit_code, 2);
	EXPECT_EQ(invalid.err, "sumoql: error: invalid --now value 'yesterday'; give epoch milliseconds such as "
	                       "1717423200000, an ISO 8601 time such as 2024-06-03T14:00:00Z, or a date such as 2024-06-03\n");
}

TEST(Cli, NowTakesIsoTime) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_now_iso_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::ofstream out(input);
		out << "{}\n";
	}
	// 2024-06-03 is day 19877 after 1970-01-01: (19877 * 86400 + 14 * 3600) * 1000 ms.
	auto iso = RunSumoql("run -q -f jsonl --now 2024-06-03T14:00:00Z -e '| now() as t | fields t' " + input.string());
	auto zoned =
	    RunSumoql("run -q -f jsonl --now 2024-06-03T16:00:00+02:00 -e '| now() as t | fields t' " + input.string());
	fs::remove(input);

	EXPECT_EQ(iso.exit_code, 0) << iso.err;
	EXPECT_EQ(iso.out, "{\"t\":1717423200000}\n");
	EXPECT_EQ(zoned.exit_code, 0) << zoned.err;
	EXPECT_EQ(zoned.out, "{\"t\":1717423200000}\n");
}

TEST(Cli, NowRejectsEmptyAndOutOfRange) {
	auto empty = RunSumoql("run --now '' -e '| fields x' - < /dev/null");
	EXPECT_EQ(empty.exit_code, 2);
	EXPECT_NE(empty.err.find("invalid --now value ''"), std::string::npos) << empty.err;

	auto huge = RunSumoql("run --now 99999999999999999999 -e '| fields x' - < /dev/null");
	EXPECT_EQ(huge.exit_code, 2);
	EXPECT_NE(huge.err.find("invalid --now value '99999999999999999999'"), std::string::npos) << huge.err;

	// One past 9999-12-31T23:59:59.999Z.
	auto past_9999 = RunSumoql("run --now 253402300800000 -e '| fields x' - < /dev/null");
	EXPECT_EQ(past_9999.exit_code, 2);

	auto from = RunSumoql("run --from 99999999999999999999 -e '| fields x' - < /dev/null");
	EXPECT_EQ(from.exit_code, 2);
	EXPECT_NE(from.err.find("invalid --from value '99999999999999999999'"), std::string::npos) << from.err;
}

TEST(Cli, UnknownFunctionSuggestsName) {
	auto result = RunSumoql("run -e '| substrng(s, 1) as x' /dev/null");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find("<query>:1:3: error SQ4001: unknown function 'substrng'"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("hint: did you mean substring()?"), std::string::npos) << result.err;
}

TEST(Cli, BarePredicateWarnsEvenWhenStrict) {
	auto result = RunSumoql("run --strict -q -f jsonl -e '| isPrivateIP(ip) | fields ip' /dev/null");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_NE(result.err.find("<query>:1:3: warning SQ4002: this test has no 'as'"), std::string::npos) << result.err;
}

TEST(Cli, CheckAcceptsShippedQueries) {
	auto result = RunSumoql(std::string("check ") + kDetection);
	EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(Cli, CheckDirectoryChecksEachQuery) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("check_directory");
	sumoql::testing::WriteFile(folder / "good.sumo", "| where a = \"1\"\n");
	sumoql::testing::WriteFile(folder / "sub" / "bad.sumo", "| where a = \"1\" && b = \"2\"\n");
	sumoql::testing::WriteFile(folder / "notes.txt", "| where (\n");
	auto result = RunSumoql("check --strict '" + folder.string() + "'");
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 1) << result.err;
	EXPECT_NE(result.err.find("bad.sumo:1:17: error SQ2005"), std::string::npos) << result.err;
	EXPECT_EQ(result.err.find("notes.txt"), std::string::npos) << result.err;
}

TEST(Cli, CheckEmptyDirectoryIsInputError) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("check_empty_directory");
	auto result = RunSumoql("check '" + folder.string() + "'");
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 2) << result.err;
	EXPECT_NE(result.err.find("the directory has no .sumo query files"), std::string::npos) << result.err;
}

TEST(Cli, RunDirectoryAsQueryIsInputError) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("run_directory_query");
	auto result = RunSumoql("run '" + folder.string() + "' fixtures/t1568.003/sysmon3-crafted.jsonl");
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 2) << result.err;
	EXPECT_NE(result.err.find("is a directory, not a query file"), std::string::npos) << result.err;
	EXPECT_EQ(result.out, "");
}

TEST(Cli, MissingQueryFileGivesReason) {
	auto result = RunSumoql("check no-such-query.sumo");
	EXPECT_EQ(result.exit_code, 2) << result.err;
	EXPECT_NE(result.err.find("no-such-query.sumo: cannot open the query file: No such file or directory"),
	          std::string::npos)
	    << result.err;
}

TEST(Cli, CheckAcceptsUnmappedLookupTable) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("check_unmapped_lookup");
	const fs::path query = folder / "lookup.sumo";
	sumoql::testing::WriteFile(query, "| lookup owner from path://\"/Library/hosts\" on host=name\n"
	                                  "| where owner = \"ops\"\n");
	auto result = RunSumoql("check --strict '" + query.string() + "'");
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.err, "");
}

TEST(Cli, CheckGivesRegexFlagsCode) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("check_regex_flags");
	const fs::path query = folder / "flags.sumo";
	sumoql::testing::WriteFile(query, "| where user matches /admin/i\n");
	auto result = RunSumoql("check '" + query.string() + "'");
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_NE(result.err.find(":1:22: warning SQ2004: flags after a regex literal"), std::string::npos) << result.err;
}

TEST(Cli, CheckStrictRejectsSymbolicAnd) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("check_symbolic_and");
	const fs::path query = folder / "and.sumo";
	sumoql::testing::WriteFile(query, "| where a = \"1\" && b = \"2\"\n");
	auto plain = RunSumoql("check '" + query.string() + "'");
	auto strict = RunSumoql("check --strict '" + query.string() + "'");
	fs::remove_all(folder);

	// `&&` starts at column 17 of `| where a = "1" && b = "2"`.
	EXPECT_EQ(plain.exit_code, 0) << plain.err;
	EXPECT_NE(plain.err.find(":1:17: warning SQ2005: '&&' and '||'"), std::string::npos) << plain.err;
	EXPECT_EQ(strict.exit_code, 1) << strict.err;
	EXPECT_NE(strict.err.find(":1:17: error SQ2005: '&&' and '||'"), std::string::npos) << strict.err;
}

TEST(Cli, UnimplementedOperatorIsNotSemantic) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("unimplemented_kind");
	const fs::path query = folder / "smooth.sumo";
	sumoql::testing::WriteFile(query, "| smooth _count\n");
	auto result = RunSumoql("check --format json '" + query.string() + "'");
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 1) << result.err;
	auto object = nlohmann::json::parse(result.out);
	EXPECT_EQ(object["code"], "SQ3002");
	EXPECT_EQ(object["kind"], "unimplemented");
	EXPECT_EQ(object["construct"], "smooth");
	EXPECT_EQ(object["column"], 3);
}

TEST(Cli, CheckJsonGivesKindOfEachDiagnostic) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("check_json");
	const fs::path hosted = folder / "hosted.sumo";
	const fs::path broken = folder / "broken.sumo";
	sumoql::testing::WriteFile(hosted, "_sourceCategory={{cat}}\n| geoip src_ip\n");
	sumoql::testing::WriteFile(broken, "| where (a");
	auto result = RunSumoql("check --format json '" + hosted.string() + "' '" + broken.string() + "'");
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 1) << result.err;
	std::istringstream lines(result.out);
	std::vector<nlohmann::json> objects;
	for (std::string line; std::getline(lines, line);) {
		objects.push_back(nlohmann::json::parse(line));
	}
	ASSERT_EQ(objects.size(), 3u) << result.out;

	EXPECT_EQ(objects[0]["code"], "SQ5001");
	EXPECT_EQ(objects[0]["kind"], "parameter");
	EXPECT_EQ(objects[0]["severity"], "warning");
	EXPECT_EQ(objects[0]["line"], 1);
	EXPECT_EQ(objects[0]["column"], 17);
	EXPECT_EQ(objects[0]["message"], "template parameter '{{cat}}' has no value");

	EXPECT_EQ(objects[1]["code"], "SQ3001");
	EXPECT_EQ(objects[1]["kind"], "unsupported");
	EXPECT_EQ(objects[1]["severity"], "error");
	EXPECT_EQ(objects[1]["line"], 2);
	EXPECT_EQ(objects[1]["column"], 3);
	EXPECT_EQ(objects[1]["construct"], "geoip");
	EXPECT_EQ(objects[1]["message"], "operator 'geoip' is not supported: it needs Sumo Logic's hosted GeoIP data");
	EXPECT_EQ(objects[1]["file"], hosted.string());

	EXPECT_EQ(objects[2]["code"], "SQ1001");
	EXPECT_EQ(objects[2]["kind"], "syntax");
	EXPECT_EQ(objects[2]["line"], 1);
	EXPECT_EQ(objects[2]["column"], 11);
	EXPECT_EQ(objects[2]["message"], "expected ')'");
	EXPECT_EQ(objects[2]["file"], broken.string());
}

TEST(Cli, ScopeStartingWithWhereWarns) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("scope_where");
	const fs::path query = folder / "where.sumo";
	sumoql::testing::WriteFile(query, "where x=\"1\"\n");
	auto checked = RunSumoql("check --strict '" + query.string() + "'");
	fs::remove_all(folder);
	EXPECT_EQ(checked.exit_code, 0) << checked.err;
	EXPECT_NE(checked.err.find(":1:1: warning SQ4003: 'where' before the first '|' is a search keyword"), std::string::npos)
	    << checked.err;
	EXPECT_NE(checked.err.find("did you mean '| where'?"), std::string::npos) << checked.err;

	// A lone keyword is an ordinary search and gets no warning.
	auto lone = RunSumoql("run -q -f jsonl -e 'where' fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(lone.err.find("did you mean"), std::string::npos) << lone.err;
}

TEST(Cli, FromAfterToIsError) {
	auto result = RunSumoql("run -q -f jsonl --from 2024-05-02T00:00:00Z --to 2024-05-01T00:00:00Z -e '| fields x' "
	                        "fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(result.exit_code, 2) << result.err;
	EXPECT_EQ(result.out, "");
	EXPECT_NE(result.err.find("--from 2024-05-02T00:00:00Z is not before --to 2024-05-01T00:00:00Z"), std::string::npos)
	    << result.err;
}

TEST(Cli, CheckWarnsButPassesUnfilledParameter) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("check_param");
	const fs::path query = folder / "param.sumo";
	sumoql::testing::WriteFile(query, "_sourceCategory={{cat}} | where a = \"$$want\"\n");
	auto result = RunSumoql("check '" + query.string() + "'");
	fs::remove_all(folder);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_NE(result.err.find(":1:17: warning SQ5001: template parameter '{{cat}}' has no value"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(":1:38: warning SQ5001: template parameter '$$want' has no value"), std::string::npos)
	    << result.err;
}

TEST(Cli, RunRejectsUnfilledParameter) {
	auto result = RunSumoql("run -e '_sourceCategory={{cat}} | fields a' < /dev/null");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find("<query>:1:17: error SQ5001: template parameter '{{cat}}' has no value"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("--param 'cat=VALUE'"), std::string::npos) << result.err;
}

TEST(Cli, RunFillsParameters) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("run_param");
	const fs::path events = folder / "events.jsonl";
	sumoql::testing::WriteFile(events, "{\"_sourceCategory\":\"prod\",\"a\":\"1\"}\n"
	                                   "{\"_sourceCategory\":\"prod\",\"a\":\"2\"}\n"
	                                   "{\"_sourceCategory\":\"dev\",\"a\":\"1\"}\n");
	auto result = RunSumoql("run -q -f jsonl -e '_sourceCategory={{cat}} | where a = \"$$want\" | fields a' "
	                        "--param cat=prod --param want=1 '" + events.string() + "'");
	fs::remove_all(folder);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"a\":\"1\"}\n");
}

TEST(Cli, ErrorAfterFilledValueIsAtWrittenColumn) {
	auto result = RunSumoql("run -e '| where a = {{v}} +' --param v=7 < /dev/null");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find("<query>:1:20: error SQ1001: expected a value after the arithmetic operator"),
	          std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("| where a = {{v}} +"), std::string::npos) << result.err;
}

TEST(Cli, CsvOutputQuotesFields) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_csv_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::ofstream out(input);
		out << R"({"a": "x,y", "b": "say \"hi\""})" << '\n';
	}
	auto result = RunSumoql("run -f csv -e '| fields a, b' " + input.string());
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n");
	fs::remove(input);
}

TEST(Cli, TableShowsMessageTimeAsUtc) {
	auto result = RunSumoql(std::string("run -q -f table ") + kDetection + " fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	// The newest positive has UtcTime 2024-05-01 10:40:15.808.
	EXPECT_EQ(result.out.find("2024-05-01 10:40:15.808"), result.out.find('\n', result.out.find('\n') + 1) + 1)
	    << result.out;
}

TEST(Cli, SetTakesOneValuePerOption) {
	auto result = RunSumoql("run -q -f jsonl -e '| fields _sourceHost' --set _sourceHost=h1 "
	                        "fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out.substr(0, result.out.find('\n')), "{\"_sourceHost\":\"h1\"}");
}

TEST(Cli, EmptyExpressionIsAQuery) {
	auto result = RunSumoql("run -q -f jsonl -e '' fixtures/t1568.003/sysmon3-crafted.jsonl");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(CountOccurrences(result.out, "\n"), 41u);
}

TEST(Cli, ThreadCountDoesNotChangeOutput) {
	// Several megabytes, so the input is cut into many blocks, with two invalid lines whose
	// messages must keep their order and line numbers.
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_threads_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::ifstream fixture(fs::path(SUMOQL_SOURCE_DIR) / "fixtures/t1568.003/sysmon3-crafted.jsonl");
		std::string events((std::istreambuf_iterator<char>(fixture)), {});
		std::ofstream out(input);
		for (int copy = 0; copy < 300; copy++) {
			out << events;
			if (copy == 100 || copy == 250) {
				out << "{\"broken\": \n";
			}
		}
	}

	std::string command = std::string("run -f jsonl ") + kDetection + " " + input.string();
	auto one = RunSumoql(command + " --threads 1");
	auto two = RunSumoql(command + " --threads 2");
	fs::remove(input);

	EXPECT_EQ(one.exit_code, 0) << one.err;
	EXPECT_EQ(two.exit_code, 0) << two.err;
	EXPECT_EQ(CountOccurrences(one.out, "\n"), 3300u);
	EXPECT_EQ(one.out, two.out);
	EXPECT_EQ(one.err, two.err);
	EXPECT_NE(one.err.find(input.string() + ":4142: invalid event"), std::string::npos) << one.err;
	EXPECT_NE(one.err.find(input.string() + ":10293: invalid event"), std::string::npos) << one.err;
	EXPECT_NE(one.err.find("12300 events read from 1 file, 3300 rows output, 2 bad lines skipped"), std::string::npos)
	    << one.err;
}

TEST(Cli, IfTypeDoesNotDependOnChunks) {
	// Chunks hold at most 1024 events, so events 2000 to 2999 fill a chunk in which every row
	// takes the number branch, while event 0 shares its chunk with rows that take the text one.
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_if_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::ofstream out(input);
		for (int i = 0; i < 3000; i++) {
			out << "{\"code\":\"" << (i == 0 || i >= 2000 ? "404" : "500") << "\"}\n";
		}
	}
	auto result = RunSumoql("run -q -f jsonl -e '| if(code = \"404\", 1, \"x\") as mix | where code = \"404\" "
	                        "| fields mix' " +
	                        input.string());
	fs::remove(input);

	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(CountOccurrences(result.out, "\n"), 1001u);
	EXPECT_EQ(CountOccurrences(result.out, "{\"mix\":\"1\"}\n"), 1001u);
}

//! Writes `count` events {"n":"i","g":"i % 7"} to a temporary file and returns its path.
fs::path WriteNumberedEvents(int count) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_numbered_" + std::to_string(::getpid()) + ".jsonl");
	std::ofstream out(input);
	for (int i = 0; i < count; i++) {
		out << "{\"n\":\"" << i << "\",\"g\":\"" << i % 7 << "\"}\n";
	}
	return input;
}

TEST(Cli, OrderedOperatorsMatchAcrossThreads) {
	// About 2 MB of input, so two threads read it in blocks in parallel, while accum, diff, dedup
	// and limit must still see the rows in input order.
	fs::path input = WriteNumberedEvents(90000);
	std::string limited = "run -f jsonl -e '| where g != \"3\" | accum n as a by g | diff n as d | dedup 2 by g | "
	                      "limit 3 | fields n, a, d' " +
	                      input.string();
	std::string unlimited = "run -f jsonl -e '| accum n as a by g | diff n as d | dedup 2 by g' " + input.string();
	auto one_thread = RunSumoql(limited + " --threads 1");
	auto two_threads = RunSumoql(limited + " --threads 2");
	auto all_one_thread = RunSumoql(unlimited + " --threads 1");
	auto all_two_threads = RunSumoql(unlimited + " --threads 2");
	fs::remove(input);

	// n = 0, 1, 2 are the first rows of groups 0, 1 and 2, so each running sum is n itself,
	// and diff without `by` subtracts the row before.
	EXPECT_EQ(one_thread.exit_code, 0) << one_thread.err;
	EXPECT_EQ(one_thread.out, "{\"n\":\"0\",\"a\":0,\"d\":null}\n{\"n\":\"1\",\"a\":1,\"d\":1}\n"
	                   "{\"n\":\"2\",\"a\":2,\"d\":1}\n");
	EXPECT_EQ(one_thread.out, two_threads.out);
	EXPECT_EQ(CountOccurrences(all_one_thread.out, "\n"), 14u);
	EXPECT_EQ(all_one_thread.out, all_two_threads.out);
}

TEST(Cli, DedupAndTotalRowLimits) {
	fs::path input = WriteNumberedEvents(100001);
	auto dedup = RunSumoql("run -f jsonl -e '| dedup by g' " + input.string());
	auto total = RunSumoql("run -f jsonl -e '| total n' " + input.string());
	auto at_limit = RunSumoql("run -f jsonl -e '| where n < 100000 | dedup by g | fields g' " + input.string());
	fs::remove(input);

	EXPECT_EQ(dedup.exit_code, 1);
	EXPECT_NE(dedup.err.find("<query>:1:3: error SQ4001: dedup received more than 100000 rows"), std::string::npos)
	    << dedup.err;
	EXPECT_EQ(total.exit_code, 1);
	EXPECT_NE(total.err.find("error SQ4001: total received more than 100000 rows"), std::string::npos) << total.err;
	EXPECT_EQ(at_limit.exit_code, 0) << at_limit.err;
	EXPECT_EQ(CountOccurrences(at_limit.out, "\n"), 7u);
}

//! Writes `text` to `name` in a fresh temporary folder and returns the folder.
fs::path WriteTemporaryFile(const std::string &folder_name, const std::string &name, const std::string &text) {
	fs::path folder = fs::temp_directory_path() / (folder_name + "_" + std::to_string(::getpid()));
	fs::create_directories(folder);
	std::ofstream(folder / name) << text;
	return folder;
}

TEST(Cli, LookupTablesFromConfigAndOption) {
	fs::path folder = WriteTemporaryFile("sumoql_cli_lookup", "users.csv", "id,name\n7,Bob\n");
	std::ofstream(folder / "other.csv") << "id,name\n7,Robert\n";
	std::ofstream(folder / "sumoql.yaml") << "lookups:\n  /Library/users: users.csv\n";
	std::ofstream(folder / "events.jsonl") << "{\"uid\":\"7\"}\n";
	std::string query = "-e '| lookup name from path://\"/Library/users\" on uid=id | fields name' ";
	std::string config = "--config " + (folder / "sumoql.yaml").string() + " ";
	std::string events = (folder / "events.jsonl").string();

	auto from_config = RunSumoql("run -q -f jsonl " + config + query + events);
	auto from_option = RunSumoql("run -q -f jsonl " + config + "--lookup /Library/users=" +
	                             (folder / "other.csv").string() + " " + query + events);
	auto unmapped = RunSumoql("run -q -f jsonl " + query + events);
	fs::remove_all(folder);

	// The config's file path is relative to the config's folder, and --lookup replaces it.
	EXPECT_EQ(from_config.exit_code, 0) << from_config.err;
	EXPECT_EQ(from_config.out, "{\"name\":\"Bob\"}\n");
	EXPECT_EQ(from_option.out, "{\"name\":\"Robert\"}\n");
	EXPECT_EQ(unmapped.exit_code, 1);
	EXPECT_NE(unmapped.err.find("lookup table '/Library/users' is not mapped to a file"), std::string::npos)
	    << unmapped.err;
}

TEST(Cli, MissingLookupTableFileGivesReason) {
	auto result = RunSumoql("run -q -e 'cat path://\"/Library/t\"' --lookup /Library/t=/nonexistent/t.csv");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("/nonexistent/t.csv: cannot open the lookup table file: No such file or directory"),
	          std::string::npos)
	    << result.err;
}

TEST(Cli, InvalidLookupTableIsInputError) {
	fs::path folder = WriteTemporaryFile("sumoql_cli_bad_table", "bad.csv", "id,name\n7,Bob,extra\n");
	std::string table = (folder / "bad.csv").string();
	auto result = RunSumoql("run -q -e 'cat path://\"/Library/bad\"' --lookup /Library/bad=" + table);
	auto with_input = RunSumoql("run -q -e 'cat path://\"/Library/bad\"' --lookup /Library/bad=" + table + " " +
	                            table);
	fs::remove_all(folder);

	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find(table + ": record 2 has 3 fields, but the header names 2 columns"), std::string::npos)
	    << result.err;
	EXPECT_EQ(with_input.exit_code, 2);
	EXPECT_NE(with_input.err.find("give no input files"), std::string::npos) << with_input.err;
}

TEST(Cli, CsvHeaderWithoutRows) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_empty_" + std::to_string(::getpid()) + ".jsonl");
	std::ofstream(input).close();
	auto result = RunSumoql("run -q -f csv -e '| fields a, b' " + input.string());
	fs::remove(input);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "a,b\r\n");
}

TEST(Cli, TableEscapesControlCharacters) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_table_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::string accents;
		for (int i = 0; i < 70; i++) {
			accents += "\xC3\xA9"; // U+00E9, two bytes in UTF-8
		}
		std::ofstream out(input);
		out << "{\"a\": \"" << accents << "\", \"b\": \"x\\u001b[31mred\"}\n";
	}
	auto result = RunSumoql("run -q -f table -e '| fields a, b' " + input.string());
	fs::remove(input);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out.find('\x1b'), std::string::npos);
	EXPECT_NE(result.out.find("x?[31mred"), std::string::npos) << result.out;

	// The long cell keeps 57 whole characters, 114 bytes, before "...".
	std::string cut;
	for (int i = 0; i < 57; i++) {
		cut += "\xC3\xA9";
	}
	EXPECT_NE(result.out.find(cut + "...  x"), std::string::npos) << result.out;
}

TEST(Cli, TableShowsTimesliceAsUtcDate) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("table_timeslice");
	const fs::path input = folder / "events.jsonl";
	sumoql::testing::WriteFile(input, "{\"UtcTime\": \"2024-05-01 10:07:30.000\"}\n");
	auto result = RunSumoql("run -q -f table -e '| timeslice 5m | count by _timeslice' '" + input.string() + "'");
	fs::remove_all(folder);

	// 10:07:30 falls in the five-minute slice that starts at 10:05:00.
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_NE(result.out.find("2024-05-01 10:05:00.000"), std::string::npos) << result.out;
}

TEST(Cli, SummaryCountsEventsWithoutTime) {
	fs::path input = fs::temp_directory_path() / ("sumoql_cli_time_" + std::to_string(::getpid()) + ".jsonl");
	{
		std::ofstream out(input);
		out << R"({"x": "1", "UtcTime": "yesterday"})" << '\n' << R"({"x": "2", "UtcTime": "2024-05-01 10:00:00.000"})" << '\n';
	}
	auto result = RunSumoql("run -f jsonl -e '| fields _messageTime, x' " + input.string());
	fs::remove(input);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"_messageTime\":null,\"x\":\"1\"}\n{\"_messageTime\":1714557600000,\"x\":\"2\"}\n");
	EXPECT_NE(result.err.find("1 event had no readable time"), std::string::npos) << result.err;
}

//! Real Sysmon logs in the flat NXLog layout. They sit outside the repository and are not
//! shipped, so the test is skipped when they are absent.
TEST(RealLogs, DetectionRunsOverFlatSysmonFiles) {
	fs::path shared = fs::path(SUMOQL_SOURCE_DIR) / ".." / "shared" / "data" / "real";
	if (!fs::exists(shared / "otrf-sd_covenant_dcom_executeexcel4macro_flat.jsonl")) {
		GTEST_SKIP() << "real logs not found at " << shared << "; they are not part of the repository";
	}

	auto result = RunSumoql(std::string("run -f jsonl --source-category prod/windows/sysmon ") + kDetection +
	                        " ../shared/data/real/otrf-sd_*_flat.jsonl");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	// The three files hold 8,121 + 4,305 + 312 events, no positives and no invalid lines.
	EXPECT_NE(result.err.find("12738 events read from 3 files, 0 rows output, 0 bad lines skipped"), std::string::npos)
	    << result.err;
	EXPECT_EQ(result.out, "");
}

TEST(Cli, BadEscapeInReadKeyMakesBadLine) {
	// Image is read only after both filters, for the rows that pass them, but line 1 is still
	// invalid although its event fails the second filter. Line 3 has its bad escape in a key the
	// query never reads, so it is valid.
	const fs::path folder = sumoql::testing::MakeScratchFolder("bad_escape");
	sumoql::testing::WriteFile(folder / "q.sumo", "| where a != \"\" | where a = \"2\" | fields a, Image\n");
	sumoql::testing::WriteFile(folder / "events.jsonl", "{\"a\":\"1\",\"Image\":\"C:\\q\"}\n"
	                                                    "{\"a\":\"2\",\"Image\":\"C:\\\\x.exe\"}\n"
	                                                    "{\"a\":\"2\",\"Other\":\"C:\\q\"}\n");

	auto result = RunSumoql("run -f jsonl " + (folder / "q.sumo").string() + " " + (folder / "events.jsonl").string());

	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"a\":\"2\",\"Image\":\"C:\\\\x.exe\"}\n{\"a\":\"2\",\"Image\":null}\n");
	EXPECT_NE(result.err.find("events.jsonl:1: invalid event, skipped: invalid escape in a string, in the value of key Image"),
	          std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("2 events read from 1 file, 2 rows output, 1 bad line skipped"), std::string::npos)
	    << result.err;
}

TEST(Cli, WholeEventOutputRejectsInvalidValueAnywhere) {
	// Without a fields list the output shows every key, so an invalid value in a key that no
	// stage reads makes the line bad. An integer beyond 64 bits is still valid.
	const fs::path folder = sumoql::testing::MakeScratchFolder("whole_event");
	sumoql::testing::WriteFile(folder / "events.jsonl", "{\"id\":1,\"c\":\"h1\"}\n"
	                                                    "{\"id\":2,\"c\":\"h1\",\"x\":\"C:\\q\"}\n"
	                                                    "{\"id\":3,\"c\":\"h1\",\"y\":[01]}\n"
	                                                    "{\"id\":4,\"c\":\"h1\",\"z\":\"a\":1}\n"
	                                                    "{\"id\":5,\"c\":\"h1\",\"n\":123456789012345678901}\n");

	auto result = RunSumoql("run -f jsonl -e '* | where c = \"h1\"' " + (folder / "events.jsonl").string());

	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"id\":1,\"c\":\"h1\"}\n{\"id\":5,\"c\":\"h1\",\"n\":1.2345678901234568e+20}\n");
	for (const char *line : {":2: invalid event", ":3: invalid event", ":4: invalid event"}) {
		EXPECT_NE(result.err.find(line), std::string::npos) << line << "\n" << result.err;
	}
	EXPECT_NE(result.err.find("2 events read from 1 file, 2 rows output, 3 bad lines skipped"), std::string::npos)
	    << result.err;
}

TEST(Cli, InvalidValueOfReadKeyMakesBadLine) {
	const fs::path folder = sumoql::testing::MakeScratchFolder("invalid_value");
	sumoql::testing::WriteFile(folder / "events.jsonl", "{\"c\":\"h1\",\"Image\":tru}\n"
	                                                    "{\"c\":\"h1\",\"Image\":01}\n"
	                                                    "{\"c\":\"h1\",\"Image\":[01]}\n"
	                                                    "{\"c\":\"h1\",\"Image\":[1,\"a\"]}\n");

	auto result =
	    RunSumoql("run -f jsonl -e '* | where c = \"h1\" | fields Image' " + (folder / "events.jsonl").string());

	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"Image\":\"[1,\\\"a\\\"]\"}\n");
	EXPECT_NE(result.err.find(":1: invalid event, skipped: invalid literal, where true, false or null belongs, in the "
	                          "value of key Image"),
	          std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(":2: invalid event, skipped: invalid number, in the value of key Image"),
	          std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(":3: invalid event, skipped: invalid number, in the value of key Image"),
	          std::string::npos)
	    << result.err;
}

} // namespace
