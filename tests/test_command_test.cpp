// `sumoql test` as a user runs it, on test files written here. The expected output of each
// case, its diff lines included, is worked out by hand from the rules in docs/testing.md.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

using sumoql::testing::MakeScratchFolder;
using sumoql::testing::ReadFile;
using sumoql::testing::RunSumoqlIn;
using sumoql::testing::WriteFile;

// Keeps events from the lab/sysmon category whose port is at least 4096.
const char *kPortsQuery = R"(_sourceCategory=*sysmon*
| num(port) as port_number
| where port_number >= 4096
| fields host, port_number
)";

// Line numbers of the cases matter: the runner prints them.
const char *kPortsTests = R"(metadata:
  _sourceCategory: lab/sysmon
cases:
  - name: high port passes
    events:
      - {host: a, port: 5000}
      - {host: b, port: 80}
    rows:
      - {host: a, port_number: 5000}
  - name: wrong value fails
    events:
      - {host: a, port: 5000}
    rows:
      - {host: a, port_number: 5001}
  - name: missing and unexpected rows
    events:
      - {host: a, port: 5000}
      - {host: b, port: 6000}
    rows:
      - {host: c, port_number: 7000}
      - {host: a, port_number: 5000}
  - name: ordered rows out of order
    ordered: true
    events:
      - {host: a, port: 5000}
      - {host: b, port: 6000}
    rows:
      - {host: b}
      - {host: a}
  - name: count matches
    events: [{host: a, port: 5000}]
    matches: 1
  - name: count differs
    events: [{host: a, port: 5000}]
    matches: 2
  - name: no matches fails
    events: [{host: a, port: 5000}]
    no_matches: true
  - name: scope rules out another category
    metadata: {_sourceCategory: lab/linux}
    events: [{host: a, port: 5000}]
    no_matches: true
  - name: error expected but the query runs
    events: [{host: a, port: 5000}]
    error: boom
)";

const char *kPortsFailures = R"(FAIL ports.test.yaml:10: wrong value fails
  row 1 (actual row 1): port_number: expected 5001, got 5000
FAIL ports.test.yaml:15: missing and unexpected rows
  missing row 1: {host: c, port_number: 7000}
  unexpected row 2: {host: b, port_number: 6000}
FAIL ports.test.yaml:22: ordered rows out of order
  the rows match, but in another order: expected row 1 is actual row 2, expected row 2 is actual row 1
FAIL ports.test.yaml:33: count differs
  expected 2 rows, got 1
FAIL ports.test.yaml:36: no matches fails
  expected no rows, got 1
  unexpected row 1: {host: a, port_number: 5000}
FAIL ports.test.yaml:43: error expected but the query runs
  expected an error containing 'boom', but the query returned 1 row
3 passed, 6 failed
)";

class TestCommand : public ::testing::Test {
protected:
	void SetUp() override {
		folder_ = MakeScratchFolder("test_command");
		WriteFile(folder_ / "ports.sumo", kPortsQuery);
		WriteFile(folder_ / "ports.test.yaml", kPortsTests);
	}

	void TearDown() override {
		fs::remove_all(folder_);
	}

	fs::path folder_;
};

TEST_F(TestCommand, FailuresShowRowDiffs) {
	auto result = RunSumoqlIn(folder_, "test ports.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out, kPortsFailures);
	EXPECT_EQ(result.err, "");
}

TEST_F(TestCommand, VerboseListsPassingCases) {
	auto result = RunSumoqlIn(folder_, "test --verbose ports.test.yaml");
	EXPECT_NE(result.out.find("PASS ports.test.yaml:4: high port passes\n"), std::string::npos) << result.out;
	EXPECT_NE(result.out.find("PASS ports.test.yaml:30: count matches\n"), std::string::npos) << result.out;
	EXPECT_NE(result.out.find("PASS ports.test.yaml:39: scope rules out another category\n"), std::string::npos)
	    << result.out;
}

TEST_F(TestCommand, FilterSelectsCasesByName) {
	auto result = RunSumoqlIn(folder_, "test --filter COUNT ports.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out, "FAIL ports.test.yaml:33: count differs\n  expected 2 rows, got 1\n1 passed, 1 failed\n");
}

TEST_F(TestCommand, PassingRunExitsZero) {
	auto result = RunSumoqlIn(folder_, "test --filter pass ports.test.yaml");
	EXPECT_EQ(result.exit_code, 0);
	EXPECT_EQ(result.out, "1 passed, 0 failed\n");
}

TEST_F(TestCommand, DefaultPathIsCurrentFolder) {
	auto result = RunSumoqlIn(folder_, "test --verbose --filter pass");
	EXPECT_EQ(result.exit_code, 0);
	EXPECT_EQ(result.out, "PASS ports.test.yaml:4: high port passes\n1 passed, 0 failed\n");
}

TEST_F(TestCommand, ErrorExpectationMatchesSubstring) {
	WriteFile(folder_ / "broken.sumo", "| frobnicate x\n");
	WriteFile(folder_ / "broken.test.yaml", R"(cases:
  - name: unknown operator is reported
    error: "1:3: unknown operator 'frobnicate'"
  - name: rows from a broken query
    rows: []
)");
	auto result = RunSumoqlIn(folder_, "test broken.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out, "FAIL broken.test.yaml:4: rows from a broken query\n"
	                      "  the query failed: 1:3: unknown operator 'frobnicate'\n"
	                      "1 passed, 1 failed\n");
}

TEST_F(TestCommand, InvalidInlineEventFailsCase) {
	WriteFile(folder_ / "events.sumo", "| fields host\n");
	WriteFile(folder_ / "events.test.yaml", R"(cases:
  - name: second event is not json
    events:
      - {host: a}
      - '{"host": "b"'
    matches: 1
)");
	auto result = RunSumoqlIn(folder_, "test events.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.out.find("FAIL events.test.yaml:2: second event is not json\n"
	                          "  the input failed: events.test.yaml:5:9: events[2]: invalid event: "),
	          std::string::npos)
	    << result.out;
}

TEST_F(TestCommand, WindowsPathsStayLiteral) {
	WriteFile(folder_ / "paths.sumo", "| where Image matches \"*\\\\svchost.exe\" | fields Image\n");
	WriteFile(folder_ / "paths.test.yaml", R"(cases:
  - name: backslashes in plain and single-quoted values
    events:
      - {Image: C:\Windows\System32\svchost.exe}
      - Image: 'C:\Windows\System32\cmd.exe'
    rows:
      - {Image: C:\Windows\System32\svchost.exe}
)");
	auto result = RunSumoqlIn(folder_, "test paths.test.yaml");
	EXPECT_EQ(result.exit_code, 0) << result.out;
	EXPECT_EQ(result.out, "1 passed, 0 failed\n");
}

TEST_F(TestCommand, NowFreezesTheClock) {
	WriteFile(folder_ / "clock.sumo", "| now() as t | fields t\n");
	// 2024-06-03 is day 19877 after 1970-01-01: (19877 * 86400 + 14 * 3600) * 1000 ms.
	WriteFile(folder_ / "clock.test.yaml", R"(cases:
  - name: iso time
    now: 2024-06-03T14:00:00Z
    events: [{x: 1}]
    rows: [{t: 1717423200000}]
  - name: epoch milliseconds
    now: 1717423200000
    events: [{x: 1}]
    rows: [{t: 1717423200000}]
)");
	auto result = RunSumoqlIn(folder_, "test clock.test.yaml");
	EXPECT_EQ(result.exit_code, 0) << result.out;
	EXPECT_EQ(result.out, "2 passed, 0 failed\n");
}

TEST_F(TestCommand, InvalidNowIsReported) {
	WriteFile(folder_ / "clock.sumo", "| now() as t | fields t\n");
	WriteFile(folder_ / "clock.test.yaml", "cases:\n  - name: bad time\n    now: yesterday\n    matches: 0\n");
	auto result = RunSumoqlIn(folder_, "test clock.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out.rfind("ERROR clock.test.yaml:3:10: invalid 'now' value 'yesterday'; give epoch "
	                           "milliseconds such as 1717423200000, an ISO 8601 time such as "
	                           "2024-06-03T14:00:00Z, or a date such as 2024-06-03\n",
	                           0),
	          0u)
	    << result.out;
}

TEST_F(TestCommand, QueryKeyAndEventFileList) {
	WriteFile(folder_ / "shared" / "low.jsonl", "{\"host\": \"a\", \"port\": 80}\n");
	WriteFile(folder_ / "shared" / "high.jsonl", "[{\"host\": \"b\", \"port\": 5000}]\n");
	WriteFile(folder_ / "suite" / "other-name.test.yaml", R"(query: ../ports.sumo
metadata: {_sourceCategory: lab/sysmon}
cases:
  - name: files then inline events
    events_file: [../shared/low.jsonl, ../shared/high.jsonl]
    events: [{host: c, port: 6000}]
    ordered: true
    rows: [{host: b}, {host: c}]
)");
	auto result = RunSumoqlIn(folder_, "test suite");
	EXPECT_EQ(result.exit_code, 0) << result.out;
	EXPECT_EQ(result.out, "1 passed, 0 failed\n");
}

TEST_F(TestCommand, TimeFieldSetsMessageTime) {
	WriteFile(folder_ / "time.sumo", "| fields _messageTime, host\n");
	// 2024-06-03 14:00:00 UTC is 1717423200000 ms, as in NowFreezesTheClock.
	WriteFile(folder_ / "time.test.yaml", R"(cases:
  - name: named time key
    time_field: seen
    events: [{host: a, seen: 2024-06-03T14:00:00Z}]
    rows: [{_messageTime: 1717423200000, host: a}]
)");
	auto result = RunSumoqlIn(folder_, "test time.test.yaml");
	EXPECT_EQ(result.exit_code, 0) << result.out;
	EXPECT_EQ(result.out, "1 passed, 0 failed\n");
}

TEST_F(TestCommand, FerRunsBeforeQuery) {
	WriteFile(folder_ / "rules" / "port.sumo", "parse regex field=raw \"port=(?<port>\\d+)\" nodrop\n");
	WriteFile(folder_ / "fer.test.yaml", R"(query: ports.sumo
fers: rules/port.sumo
metadata: {_sourceCategory: lab/sysmon}
cases:
  - name: port read by the rule
    events: [{host: a, raw: 'port=5000'}]
    rows: [{host: a, port_number: 5000}]
  - name: case without the rule
    fers: []
    events: [{host: a, raw: 'port=5000'}]
    no_matches: true
)");
	auto result = RunSumoqlIn(folder_, "test fer.test.yaml");
	EXPECT_EQ(result.exit_code, 0) << result.out;
	EXPECT_EQ(result.out, "2 passed, 0 failed\n");
}

TEST_F(TestCommand, UnknownLayoutIsReported) {
	WriteFile(folder_ / "layout.test.yaml", "query: ports.sumo\ncases:\n  - name: x\n    layout: beats\n    matches: 0\n");
	auto result = RunSumoqlIn(folder_, "test layout.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out.rfind("ERROR layout.test.yaml:4:13: unknown layout 'beats'; expected one of: ", 0), 0u)
	    << result.out;
}

TEST_F(TestCommand, ParamsFillTemplateParameters) {
	WriteFile(folder_ / "params.sumo", "| where port >= {{min}} | fields host\n");
	// The placeholder starts at column 17 of line 1.
	WriteFile(folder_ / "params.test.yaml", R"(cases:
  - name: filled parameter
    params: {min: 4096}
    events: [{host: a, port: 5000}, {host: b, port: 80}]
    rows: [{host: a}]
  - name: parameter without a value
    events: [{host: a, port: 5000}]
    error: "1:17: template parameter '{{min}}' has no value"
)");
	auto result = RunSumoqlIn(folder_, "test params.test.yaml");
	EXPECT_EQ(result.exit_code, 0) << result.out;
	EXPECT_EQ(result.out, "2 passed, 0 failed\n");
}

TEST_F(TestCommand, SnapshotInFlowMapIsRejected) {
	WriteFile(folder_ / "flow.sumo", "| fields host\n");
	WriteFile(folder_ / "flow.test.yaml", "cases:\n  - {name: flow, snapshot: true, rows: []}\n");
	auto result = RunSumoqlIn(folder_, "test --update flow.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out.rfind("ERROR flow.test.yaml:2:5: a case with 'snapshot: true' must be a block map", 0), 0u)
	    << result.out;
	EXPECT_EQ(ReadFile(folder_ / "flow.test.yaml"), "cases:\n  - {name: flow, snapshot: true, rows: []}\n");
}

TEST_F(TestCommand, UnknownKeyIsReportedWithPosition) {
	WriteFile(folder_ / "typo.sumo", "| fields host\n");
	WriteFile(folder_ / "typo.test.yaml", "cases:\n  - name: typo\n    rws: []\n");
	auto result = RunSumoqlIn(folder_, "test typo.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out.rfind("ERROR typo.test.yaml:3:5: unknown key 'rws' in a case; did you mean 'rows'? "
	                           "expected one of: ",
	                           0),
	          0u)
	    << result.out;
	EXPECT_NE(result.out.find("\n0 passed, 1 failed\n"), std::string::npos) << result.out;
}

TEST_F(TestCommand, MissingQueryFileIsReported) {
	WriteFile(folder_ / "orphan.test.yaml", "cases:\n  - name: orphan\n    matches: 0\n");
	auto result = RunSumoqlIn(folder_, "test orphan.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out,
	          "ERROR orphan.test.yaml:1:1: cannot open the query file orphan.sumo: No such file or directory\n"
	          "0 passed, 1 failed\n");

	WriteFile(folder_ / "named.test.yaml", "query: gone.sumo\ncases:\n  - name: named\n    matches: 0\n");
	auto named = RunSumoqlIn(folder_, "test named.test.yaml");
	EXPECT_EQ(named.exit_code, 1);
	EXPECT_EQ(named.out, "ERROR named.test.yaml:1:8: cannot open the query file gone.sumo: No such file or directory\n"
	                     "0 passed, 1 failed\n");
}

TEST_F(TestCommand, MissingEventFileIsInputFailure) {
	WriteFile(folder_ / "input.sumo", "| fields host\n");
	WriteFile(folder_ / "input.test.yaml", "cases:\n  - name: no file\n    events_file: gone.jsonl\n    matches: 0\n");
	auto result = RunSumoqlIn(folder_, "test input.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out, "FAIL input.test.yaml:2: no file\n"
	                      "  the input failed: gone.jsonl: cannot open: No such file or directory\n"
	                      "0 passed, 1 failed\n");
}

TEST_F(TestCommand, BackslashInDoubleQuotesGetsHint) {
	WriteFile(folder_ / "quotes.sumo", "| fields Image\n");
	WriteFile(folder_ / "quotes.test.yaml",
	          "cases:\n  - name: path\n    events:\n      - {Image: \"C:\\Windows\\cmd.exe\"}\n    matches: 1\n");
	auto result = RunSumoqlIn(folder_, "test quotes.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.out.find("ERROR quotes.test.yaml:4:"), std::string::npos) << result.out;
	EXPECT_NE(result.out.find("unknown escape character: W"), std::string::npos) << result.out;
	EXPECT_NE(result.out.find("use single quotes"), std::string::npos) << result.out;
}

TEST_F(TestCommand, FilterWithoutMatchIsUsageError) {
	auto result = RunSumoqlIn(folder_, "test --filter zzz ports.test.yaml");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_EQ(result.out, "");
	EXPECT_EQ(result.err, "sumoql: error: no case name contains 'zzz' in the test file; check the --filter text, "
	                      "which matches part of a name, ignoring case\n");
}

TEST_F(TestCommand, EmptyCaseListIsReported) {
	WriteFile(folder_ / "empty.sumo", "| fields host\n");
	WriteFile(folder_ / "empty.test.yaml", "# no cases yet\ncases: []\n");
	auto result = RunSumoqlIn(folder_, "test empty.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out, "ERROR empty.test.yaml:2:8: 'cases' is empty; add a case with a 'name' and an expectation\n"
	                      "0 passed, 1 failed\n");
}

TEST_F(TestCommand, MissingPathIsUsageError) {
	auto result = RunSumoqlIn(folder_, "test no-such-folder");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_EQ(result.err, "sumoql: error: no-such-folder: no such file or folder\n");
}

TEST_F(TestCommand, FolderWithoutTestFilesIsUsageError) {
	fs::create_directories(folder_ / "empty");
	auto result = RunSumoqlIn(folder_, "test empty");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("no *.test.yaml files found"), std::string::npos) << result.err;
}

const char *kSnapshotTests = R"(# header comment
cases:
  # the first case keeps its comments
  - name: recorded rows
    snapshot: true
    events:
      - {host: a, port: 5000}
    rows:
      - {host: old}   # outdated
    # comment after the rows

  - name: no rows yet
    snapshot: true
    events:
      - {host: b, port: 6000}
  - name: still passes
    snapshot: true
    events:
      - {host: 'C:\x', port: 7000}
    rows:
      - {host: 'C:\x'}
)";

const char *kSnapshotUpdated = R"(# header comment
cases:
  # the first case keeps its comments
  - name: recorded rows
    snapshot: true
    events:
      - {host: a, port: 5000}
    rows:
      - {host: a, port_number: 5000}
    # comment after the rows

  - name: no rows yet
    snapshot: true
    events:
      - {host: b, port: 6000}
    rows:
      - {host: b, port_number: 6000}
  - name: still passes
    snapshot: true
    events:
      - {host: 'C:\x', port: 7000}
    rows:
      - {host: 'C:\x'}
)";

TEST_F(TestCommand, UpdateRewritesOnlyFailingSnapshotRows) {
	WriteFile(folder_ / "snap.sumo", "| num(port) as port_number | fields host, port_number\n");
	WriteFile(folder_ / "snap.test.yaml", kSnapshotTests);

	auto before = RunSumoqlIn(folder_, "test snap.test.yaml");
	EXPECT_EQ(before.exit_code, 1);
	EXPECT_NE(before.out.find("FAIL snap.test.yaml:12: no rows yet\n"
	                          "  the snapshot has no rows yet; run 'sumoql test --update' to record them\n"),
	          std::string::npos)
	    << before.out;

	auto update = RunSumoqlIn(folder_, "test --update snap.test.yaml");
	EXPECT_EQ(update.exit_code, 0);
	EXPECT_EQ(update.out, "UPDATED snap.test.yaml:4: recorded rows\n"
	                      "UPDATED snap.test.yaml:12: no rows yet\n"
	                      "3 passed, 0 failed, 2 updated\n");
	EXPECT_EQ(ReadFile(folder_ / "snap.test.yaml"), kSnapshotUpdated);

	auto after = RunSumoqlIn(folder_, "test snap.test.yaml");
	EXPECT_EQ(after.exit_code, 0);
	EXPECT_EQ(after.out, "3 passed, 0 failed\n");
}

TEST_F(TestCommand, UpdateKeepsCrlfFile) {
	WriteFile(folder_ / "crlf.sumo", "| fields host\n");
	WriteFile(folder_ / "crlf.test.yaml", "cases:\r\n  - name: windows file\r\n    snapshot: true\r\n"
	                                      "    events: [{host: a}]\r\n    rows:  # checked by hand\r\n"
	                                      "      - {host: old}\r\n");
	auto update = RunSumoqlIn(folder_, "test --update crlf.test.yaml");
	EXPECT_EQ(update.exit_code, 0) << update.out;
	EXPECT_EQ(ReadFile(folder_ / "crlf.test.yaml"), "cases:\r\n  - name: windows file\r\n    snapshot: true\r\n"
	                                                "    events: [{host: a}]\r\n    rows: # checked by hand\r\n"
	                                                "      - {host: a}\r\n");
}

//! Returns libxml2's schema errors for `report` against tests/data/junit.xsd, or "" when valid.
std::string ValidateJunit(const fs::path &report) {
	std::string schema_path = std::string(SUMOQL_SOURCE_DIR) + "/tests/data/junit.xsd";
	xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(schema_path.c_str());
	xmlSchemaPtr schema = xmlSchemaParse(parser);
	xmlSchemaFreeParserCtxt(parser);
	if (schema == nullptr) {
		return "the schema did not load";
	}

	std::string errors;
	xmlDocPtr document = xmlReadFile(report.c_str(), nullptr, XML_PARSE_NONET);
	if (document == nullptr) {
		errors = "the report is not well-formed XML";
	} else {
		xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema);
		if (xmlSchemaValidateDoc(validator, document) != 0) {
			errors = "the report does not match the schema";
		}
		xmlSchemaFreeValidCtxt(validator);
		xmlFreeDoc(document);
	}
	xmlSchemaFree(schema);
	return errors;
}

TEST_F(TestCommand, JunitReportMatchesSchema) {
	WriteFile(folder_ / "typo.sumo", "| fields host\n");
	WriteFile(folder_ / "typo.test.yaml", "cases:\n  - name: typo <&>\n    rws: []\n");
	auto result = RunSumoqlIn(folder_, "test --junit report.xml ports.test.yaml typo.test.yaml");
	EXPECT_EQ(result.exit_code, 1);

	fs::path report = folder_ / "report.xml";
	EXPECT_EQ(ValidateJunit(report), "");
	std::string xml = ReadFile(report);
	EXPECT_NE(xml.find("<testsuites name=\"sumoql test\" tests=\"10\" failures=\"6\" errors=\"1\""),
	          std::string::npos)
	    << xml;
	EXPECT_NE(xml.find("<testsuite name=\"ports.test.yaml\" tests=\"9\" failures=\"6\" errors=\"0\""),
	          std::string::npos)
	    << xml;
	EXPECT_NE(xml.find("<testcase name=\"high port passes\" classname=\"ports.test.yaml\""), std::string::npos)
	    << xml;
	EXPECT_NE(xml.find("<failure message=\"row 1 (actual row 1): port_number: expected 5001, got 5000\" "
	                   "type=\"mismatch\">"),
	          std::string::npos)
	    << xml;
	EXPECT_NE(xml.find("<testsuite name=\"typo.test.yaml\" tests=\"1\" failures=\"0\" errors=\"1\""),
	          std::string::npos)
	    << xml;
}

TEST_F(TestCommand, JunitEscapesControlCharacters) {
	WriteFile(folder_ / "bell.sumo", "| fields host\n");
	WriteFile(folder_ / "bell.test.yaml",
	          "cases:\n  - name: \"bell\\a escape\\e[31m\"\n    events: [{host: a}]\n    rows: [{host: b}]\n");
	auto result = RunSumoqlIn(folder_, "test --junit report.xml bell.test.yaml");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out.rfind("FAIL bell.test.yaml:2: bell\\u0007 escape\\u001b[31m\n", 0), 0u) << result.out;

	fs::path report = folder_ / "report.xml";
	EXPECT_EQ(ValidateJunit(report), "");
	EXPECT_NE(ReadFile(report).find("<testcase name=\"bell\\u0007 escape\\u001b[31m\""), std::string::npos)
	    << ReadFile(report);
}

TEST_F(TestCommand, UnwritableJunitPathFailsFirst) {
	auto result = RunSumoqlIn(folder_, "test --junit no-such-folder/report.xml ports.test.yaml");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_EQ(result.out, "");
	EXPECT_EQ(result.err, "sumoql: error: no-such-folder/report.xml: cannot write the JUnit report: No such file or "
	                      "directory\n");
}

TEST(ShippedQueries, EachHasTestFile) {
	fs::path queries = fs::path(SUMOQL_SOURCE_DIR) / "queries";
	for (const auto &entry : fs::directory_iterator(queries)) {
		if (entry.path().extension() != ".sumo") {
			continue;
		}
		fs::path tests = entry.path();
		tests.replace_extension(".test.yaml");
		EXPECT_TRUE(fs::exists(tests)) << entry.path().filename().string() << " has no " << tests.filename().string();
	}
}

TEST(JunitSchema, RejectsReportWithoutCaseName) {
	fs::path folder = MakeScratchFolder("junit_schema");
	WriteFile(folder / "bad.xml", "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\">"
	                              "<testcase classname=\"c\"/></testsuite></testsuites>\n");
	EXPECT_EQ(ValidateJunit(folder / "bad.xml"), "the report does not match the schema");
	fs::remove_all(folder);
}

} // namespace
