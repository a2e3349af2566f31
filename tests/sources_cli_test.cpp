// Sources as a user declares them: the project config file, field extraction rule files, shipped
// layouts and their detection, gzip input, time ranges, and the per-file summary. The tests over
// real Sysmon logs skip with a message when those logs are absent.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <vector>
#include <string>

namespace {

namespace fs = std::filesystem;
using sumoql::testing::RunSumoql;
using sumoql::testing::RunSumoqlIn;

const char *kDetection = "queries/t1568.003-dns-calculation.sumo";

//! A temporary folder for one test's files.
class SourcesCliTest : public ::testing::Test {
protected:
	void SetUp() override {
		const auto *test = ::testing::UnitTest::GetInstance()->current_test_info();
		folder_ = fs::temp_directory_path() / (std::string("sumoql_sources_") + test->name() + "_" +
		                                       std::to_string(::getpid()));
		fs::create_directories(folder_);
	}

	void TearDown() override {
		fs::remove_all(folder_);
	}

	fs::path Write(const std::string &name, const std::string &text) {
		fs::path path = folder_ / name;
		fs::create_directories(path.parent_path());
		std::ofstream(path, std::ios::binary) << text;
		return path;
	}

	//! Writes `text` gzip-compressed to `name` in the test folder.
	fs::path WriteGzip(const std::string &name, const std::string &text) {
		fs::path path = folder_ / name;
		gzFile gz = gzopen(path.c_str(), "wb");
		gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
		gzclose(gz);
		return path;
	}

	fs::path folder_;
};

TEST_F(SourcesCliTest, ConfigSourceGivesMetadataAndExtraction) {
	Write("logs/app.jsonl", R"({"msg": "user=alice action=login", "ts": "2024-05-01 06:00:00"})"
	                        "\n");
	Write("fers/app.sumo", "// Reads the user from the message.\n"
	                       "parse field=msg \"user=* \" as user\n");
	Write("sumoql.yaml", "sources:\n"
	                     "  - name: app\n"
	                     "    path: logs/*.jsonl\n"
	                     "    metadata:\n"
	                     "      _sourceCategory: prod/app\n"
	                     "      _sourceHost: web-1\n"
	                     "    time_field: ts\n"
	                     "    time_zone: \"-04:00\"\n"
	                     "    fers: [fers/app.sumo]\n");

	// With no input files, the inputs are the files of the config's sources.
	auto result = RunSumoqlIn(folder_, "run -f jsonl -e '_sourceCategory=prod/* | fields _messageTime, "
	                                   "_sourceHost, user'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	// 06:00 at UTC-4 is 10:00 UTC.
	EXPECT_EQ(result.out, "{\"_messageTime\":1714557600000,\"_sourceHost\":\"web-1\",\"user\":\"alice\"}\n");
}

TEST_F(SourcesCliTest, ConfigOptionNamesTheFile) {
	Write("data.jsonl", "{\"a\": \"1\"}\n");
	fs::path config = Write("other.yaml", "sources:\n  - path: data.jsonl\n    metadata:\n      _source: s1\n");
	auto result = RunSumoql("run -f jsonl --config '" + config.string() + "' -e '| fields _source, a' '" +
	                        (folder_ / "data.jsonl").string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"_source\":\"s1\",\"a\":\"1\"}\n");
}

TEST_F(SourcesCliTest, InvalidConfigIsInputError) {
	fs::path config = Write("sumoql.yaml", "sources:\n  - path: a\n    colour: red\n");
	auto result = RunSumoql("run --config '" + config.string() + "' -e '| fields a' /dev/null");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("sumoql.yaml:3:5: unknown source setting 'colour'"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, FerErrorPointsIntoRuleFile) {
	fs::path fer = Write("bad.sumo", "parse regex field=msg \"(?<user>\\w+\"\n");
	fs::path input = Write("in.jsonl", "{\"msg\": \"x\"}\n");
	auto result = RunSumoql("run --fer '" + fer.string() + "' -e '| fields user' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find(fer.string() + ":1:23: error SQ4001: invalid regular expression"), std::string::npos)
	    << result.err;
}

TEST_F(SourcesCliTest, FerRejectsFilters) {
	fs::path fer = Write("filter.sumo", "| where a = \"1\"\n");
	auto result = RunSumoql("run --fer '" + fer.string() + "' -e '| fields a' /dev/null");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find("may only parse fields or assign them"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, FerNeverDropsEvents) {
	fs::path fer = Write("rule.sumo", "parse field=msg \"user=*;\" as user\n");
	fs::path input = Write("in.jsonl", "{\"msg\": \"user=bob;\"}\n{\"msg\": \"no user here\"}\n");
	auto result = RunSumoql("run -f jsonl --fer '" + fer.string() + "' -e '| fields msg, user' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"msg\":\"user=bob;\",\"user\":\"bob\"}\n{\"msg\":\"no user here\",\"user\":null}\n");
}

TEST_F(SourcesCliTest, FerReadsJsonTextWithJsonOperator) {
	// Azure Sentinel's WindowsEvent table keeps the event data as a JSON-encoded string.
	fs::path fer = Write("rule.sumo", "json field=EventData \"Image\", \"DestinationIp\" as Image, DestinationIp\n");
	fs::path input = Write("in.jsonl", R"({"Computer": "H1", "EventData": "{\"Image\": \"a.exe\", \"DestinationIp\": \"1.2.3.4\"}"})"
	                                   "\n");
	auto result = RunSumoql("run -f jsonl --fer '" + fer.string() + "' -e '| fields Computer, Image, DestinationIp' '" +
	                        input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"Computer\":\"H1\",\"Image\":\"a.exe\",\"DestinationIp\":\"1.2.3.4\"}\n");
}

TEST_F(SourcesCliTest, LayoutAutoSaysWhatItChose) {
	fs::path input = Write("wlb7.jsonl", R"({"winlog": {"event_id": 3, "computer_name": "HOST-A", "event_data": {"Image": "a.exe"}}})"
	                                     "\n");
	auto result = RunSumoql("run -f jsonl --layout auto -e '| fields EventID, Computer, Image' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"EventID\":\"3\",\"Computer\":\"HOST-A\",\"Image\":\"a.exe\"}\n");
	EXPECT_NE(result.err.find("wlb7.jsonl: layout winlogbeat7, detected from its first events"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("wlb7.jsonl: 1 event, layout winlogbeat7, 0 bad lines, 0 not matched by the scope"),
	          std::string::npos)
	    << result.err;
}

//! A layout forced onto events of another shape maps missing keys to null, so the run warns.
TEST_F(SourcesCliTest, ForcedLayoutOfOtherShapeWarns) {
	fs::path input = Write("flat.jsonl", R"({"EventID": 3, "Computer": "HOST-F", "Image": "a.exe"})"
	                                     "\n");
	auto result = RunSumoql("run -f jsonl --layout winlogbeat7 -e '| fields Computer' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"Computer\":null}\n");
	EXPECT_NE(result.err.find("flat.jsonl: its first events look like no known layout, not layout winlogbeat7"),
	          std::string::npos)
	    << result.err;
}

TEST_F(SourcesCliTest, ForcedLayoutOfSameShapeIsQuiet) {
	fs::path input = Write("wlb7.jsonl", R"({"winlog": {"event_id": 3, "computer_name": "HOST-A", "event_data": {"Image": "a.exe"}}})"
	                                     "\n");
	auto result = RunSumoql("run -f jsonl --layout winlogbeat7 -e '| fields Computer' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"Computer\":\"HOST-A\"}\n");
	EXPECT_EQ(result.err.find("warning"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, ScopeMissingEveryEventHints) {
	fs::path input = Write("plain.jsonl", R"({"EventID": 3, "Image": "a.exe"})"
	                                      "\n");
	auto result = RunSumoql("run -f jsonl -e '_sourceCategory=*sysmon* | fields Image' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "");
	EXPECT_NE(result.err.find("hint: no event in " + input.string() + " matched the scope"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("--source-category"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, FileNamedTwiceIsReadOnce) {
	fs::path input = Write("twice.jsonl", R"({"host": "a"})"
	                                      "\n"
	                                      R"({"host": "a"})"
	                                      "\n");
	const std::string same = (input.parent_path() / "." / input.filename()).string();
	auto result = RunSumoql("run -f jsonl -e '| count by host' '" + input.string() + "' '" + same + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"host\":\"a\",\"_count\":2}\n");
	EXPECT_NE(result.err.find("the same input as " + input.string() + ", given earlier; reading it once"),
	          std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("2 events read from 1 file"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, LayoutAutoLooksIntoJsonArray) {
	fs::path input = Write("events.json", "[\n"
	                                      R"( {"event_id": 3, "computer_name": "HOST-6", "event_data": {"Image": "a.exe"}},)"
	                                      "\n"
	                                      R"( {"event_id": 1, "computer_name": "HOST-6", "event_data": {"Image": "b.exe"}})"
	                                      "\n]\n");
	auto result = RunSumoql("run -f jsonl --layout auto -e '| where EventID = 3 | fields Computer, Image' '" +
	                        input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"Computer\":\"HOST-6\",\"Image\":\"a.exe\"}\n");
	EXPECT_NE(result.err.find("events.json: layout winlogbeat6, detected"), std::string::npos) << result.err;
}

//! A file cut short inside its last element still gets the layout of its good elements, and the
//! cut element is one bad line.
TEST_F(SourcesCliTest, LayoutAutoSkipsTruncatedArrayElement) {
	fs::path input = Write("cut.json", "[\n"
	                                   R"( {"event_id": 3, "computer_name": "HOST-6", "event_data": {"Image": "a.exe"}},)"
	                                   "\n"
	                                   R"( {"event_id": 3, "computer_name": "HOST-6", "event_data": {"Ima)");
	auto result = RunSumoql("run -f jsonl --layout auto -e '| where EventID = 3 | fields Computer, Image' '" +
	                        input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"Computer\":\"HOST-6\",\"Image\":\"a.exe\"}\n");
	EXPECT_NE(result.err.find("cut.json: layout winlogbeat6, detected"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("1 bad line"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, FilesOfDifferentLayoutsInOneRun) {
	Write("logs/a-wlb7.jsonl", R"({"winlog": {"computer_name": "HOST-7", "event_data": {"Image": "seven.exe"}}})"
	                           "\n");
	Write("logs/b-wlb6.jsonl", R"({"event_id": 1, "computer_name": "HOST-6", "event_data": {"Image": "six.exe"}})"
	                           "\n");
	Write("logs/c-plain.jsonl", R"({"Computer": "HOST-P", "Image": "plain.exe"})"
	                            "\n");
	Write("sumoql.yaml", "sources:\n"
	                     "  - path: logs/*.jsonl\n"
	                     "    layout: auto\n"
	                     "    metadata:\n"
	                     "      _sourceCategory: lab/sysmon\n");

	for (const char *threads : {"1", "2"}) {
		auto result = RunSumoqlIn(folder_, std::string("run -f jsonl --threads ") + threads +
		                                       " -e '_sourceCategory=lab/* | fields Computer, Image'");
		EXPECT_EQ(result.exit_code, 0) << result.err;
		EXPECT_EQ(result.out, "{\"Computer\":\"HOST-7\",\"Image\":\"seven.exe\"}\n"
		                      "{\"Computer\":\"HOST-6\",\"Image\":\"six.exe\"}\n"
		                      "{\"Computer\":\"HOST-P\",\"Image\":\"plain.exe\"}\n");
		EXPECT_NE(result.err.find("a-wlb7.jsonl: 1 event, layout winlogbeat7"), std::string::npos) << result.err;
		EXPECT_NE(result.err.find("b-wlb6.jsonl: 1 event, layout winlogbeat6"), std::string::npos) << result.err;
		EXPECT_NE(result.err.find("c-plain.jsonl: 1 event, layout none"), std::string::npos) << result.err;
	}
}

TEST_F(SourcesCliTest, UnknownLayoutIsUsageError) {
	auto result = RunSumoql("run --layout winlogbeat9 -e '| fields a' /dev/null");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("unknown layout 'winlogbeat9'"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, GzipInputGivesSameRows) {
	std::string lines;
	for (int i = 0; i < 3000; i++) {
		lines += "{\"n\": \"" + std::to_string(i) + "\", \"pad\": \"" + std::string(100, 'x') + "\"}\n";
	}
	fs::path plain = Write("events.jsonl", lines);
	fs::path compressed = WriteGzip("events.jsonl.gz", lines);

	std::string query = " -f jsonl -e '| where n matches \"*7\" | fields n' ";
	auto from_plain = RunSumoql("run --threads 2" + query + "'" + plain.string() + "'");
	auto from_gzip = RunSumoql("run --threads 2" + query + "'" + compressed.string() + "'");
	EXPECT_EQ(from_gzip.exit_code, 0) << from_gzip.err;
	EXPECT_EQ(from_gzip.out, from_plain.out);
	// 300 of the numbers 0 to 2999 end in 7.
	EXPECT_NE(from_gzip.err.find("3000 events read from 1 file, 300 rows output"), std::string::npos) << from_gzip.err;
}

TEST_F(SourcesCliTest, GzipOnStandardInput) {
	std::string lines = "{\"n\": \"1\"}\n{\"n\": \"2\"}\n";
	fs::path compressed = WriteGzip("events.jsonl.gz", lines);

	auto result = RunSumoql("run -f jsonl -e '| fields n' < '" + compressed.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"n\":\"1\"}\n{\"n\":\"2\"}\n");
}

TEST_F(SourcesCliTest, TruncatedGzipIsInputError) {
	std::string lines(100000, 'x');
	fs::path compressed = WriteGzip("cut.jsonl.gz", lines);
	fs::resize_file(compressed, fs::file_size(compressed) / 2);

	auto result = RunSumoql("run -e '| fields a' '" + compressed.string() + "'");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("truncated"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, CorruptGzipNamesFileAndProblem) {
	std::string lines = "{\"n\": \"1\"}\n";
	fs::path compressed = WriteGzip("bad.jsonl.gz", lines);
	// The gzip trailer's first 4 bytes are the CRC-32 of the data; flipping one breaks the check.
	std::string bytes = sumoql::testing::ReadFile(compressed);
	bytes[bytes.size() - 8] = static_cast<char>(bytes[bytes.size() - 8] ^ 0xff);
	sumoql::testing::WriteFile(compressed, bytes);

	auto result = RunSumoql("run -e '| fields n' '" + compressed.string() + "'");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find(compressed.string() + ": gzip decompression failed: the data does not match its "
	                                                "CRC-32 checksum, so the file is corrupt"),
	          std::string::npos)
	    << result.err;
	EXPECT_EQ(result.err.find("<fd:"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, InvalidTimeZoneIsInputError) {
	fs::path input = Write("in.jsonl", "{\"n\": \"1\"}\n");
	auto result = RunSumoql("run --time-zone +25:00 -e '| fields n' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("sumoql: error: invalid --time-zone value '+25:00'; give UTC or a fixed offset"),
	          std::string::npos)
	    << result.err;
}

TEST_F(SourcesCliTest, DateAloneBoundsStartAtMidnightUtc) {
	fs::path input = Write("in.jsonl", "{\"n\": \"1\", \"@timestamp\": \"2024-04-30T23:59:59.999Z\"}\n"
	                                   "{\"n\": \"2\", \"@timestamp\": \"2024-05-01T00:00:00.000Z\"}\n"
	                                   "{\"n\": \"3\", \"@timestamp\": \"2024-05-01T23:59:59.999Z\"}\n"
	                                   "{\"n\": \"4\", \"@timestamp\": \"2024-05-02T00:00:00.000Z\"}\n");
	auto result = RunSumoql("run -f jsonl --from 2024-05-01 --to 2024-05-02 -e '| fields n' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"n\":\"2\"}\n{\"n\":\"3\"}\n");
}

TEST_F(SourcesCliTest, RelativeTimeRangeCountsFromNow) {
	// --now is 2024-05-02T00:00:00Z; -24h is 2024-05-01T00:00:00Z.
	fs::path input = Write("in.jsonl", "{\"n\": \"1\", \"@timestamp\": \"2024-04-30T23:59:59.999Z\"}\n"
	                                   "{\"n\": \"2\", \"@timestamp\": \"2024-05-01T00:00:00.000Z\"}\n"
	                                   "{\"n\": \"3\", \"@timestamp\": \"2024-05-01T23:59:59.999Z\"}\n"
	                                   "{\"n\": \"4\", \"@timestamp\": \"2024-05-02T00:00:00.000Z\"}\n"
	                                   "{\"n\": \"5\"}\n");
	auto result = RunSumoql("run -f jsonl --now 1714608000000 --from -24h --to now -e '| fields n' '" +
	                        input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"n\":\"2\"}\n{\"n\":\"3\"}\n");
	EXPECT_NE(result.err.find("3 outside the time range"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, AbsoluteTimeRangeTakesIsoTimes) {
	fs::path input = Write("in.jsonl", "{\"n\": \"1\", \"UtcTime\": \"2024-05-01 09:59:59.999\"}\n"
	                                   "{\"n\": \"2\", \"UtcTime\": \"2024-05-01 10:00:00.000\"}\n");
	auto result = RunSumoql("run -f jsonl --from 2024-05-01T12:00:00+02:00 -e '| fields n' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"n\":\"2\"}\n");
}

TEST_F(SourcesCliTest, InvalidTimeBoundIsUsageError) {
	auto result = RunSumoql("run --from yesterday -e '| fields n' /dev/null");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("invalid --from value 'yesterday'"), std::string::npos) << result.err;
}

//! Real Sysmon logs in five layouts. They sit outside the repository, so the tests skip when
//! they are absent.
class RealLogLayouts : public SourcesCliTest {
protected:
	void SetUp() override {
		SourcesCliTest::SetUp();
		if (!fs::exists(fs::path(SUMOQL_SOURCE_DIR) / kRealLogs)) {
			GTEST_SKIP() << "real logs not found at " << SUMOQL_SOURCE_DIR << "/" << kRealLogs
			             << "; they are not part of the repository";
		}
	}

	//! Returns the rows that left the stage whose label is `label`, from --stage-counts output.
	static long RowsOutOf(const std::string &err, const std::string &label) {
		std::smatch match;
		std::regex pattern("\\(" + label + "\\): \\d+ in, (\\d+) out");
		return std::regex_search(err, match, pattern) ? std::stol(match[1]) : -1;
	}

	static constexpr const char *kRealLogs = "../shared/data/real";
};

//! The Sysmon EID 3 count of each file, from the files' published per-EventID counts.
const std::map<std::string, long> kEventId3Counts = {
    {"otrf-sd_covenant_dcom_executeexcel4macro_flat.jsonl", 77},
    {"otrf-sd_covenant_psremoting_grunt_flat.jsonl", 276},
    {"otrf-sd_covenant_dcom_iertutil_sysmon-1-3-22-subset_flat.jsonl", 184},
    {"otrf-mordor_empire_launcher_vbs_winlogbeat6.jsonl", 89},
    {"otrf-mordor_remoteinteractive_taskmngr_lsass_dump_winlogbeat7.jsonl", 81},
    {"evtx-attack-samples_sysmon3-files_evtx.jsonl", 164},
    {"otrf-sd_log4shell_linux-sysmon_sentinel-syslog.jsonl", 6},
};

const std::map<std::string, std::string> kLayouts = {
    {"otrf-sd_covenant_dcom_executeexcel4macro_flat.jsonl", "nxlog"},
    {"otrf-sd_covenant_psremoting_grunt_flat.jsonl", "nxlog"},
    {"otrf-sd_covenant_dcom_iertutil_sysmon-1-3-22-subset_flat.jsonl", "nxlog"},
    {"otrf-mordor_empire_launcher_vbs_winlogbeat6.jsonl", "winlogbeat6"},
    {"otrf-mordor_remoteinteractive_taskmngr_lsass_dump_winlogbeat7.jsonl", "winlogbeat7"},
    {"evtx-attack-samples_sysmon3-files_evtx.jsonl", "evtx"},
    {"otrf-sd_log4shell_linux-sysmon_sentinel-syslog.jsonl", "linux-syslog"},
};

TEST_F(RealLogLayouts, EveryFileHasItsEventId3Count) {
	for (const auto &entry : fs::directory_iterator(fs::path(SUMOQL_SOURCE_DIR) / kRealLogs)) {
		if (entry.path().extension() != ".jsonl") {
			continue;
		}
		std::string name = entry.path().filename().string();
		ASSERT_TRUE(kEventId3Counts.count(name)) << "no expected count for " << name;

		// The scope needs a _sourceCategory; endpoint/network fits Windows and Linux alike.
		auto result = RunSumoql(std::string("run -f jsonl --layout auto --stage-counts --source-category "
		                                    "endpoint/network/sysmon ") +
		                        kDetection + " '" + entry.path().string() + "'");
		EXPECT_EQ(result.exit_code, 0) << name << "\n" << result.err;
		EXPECT_EQ(RowsOutOf(result.err, "where at 2:3"), kEventId3Counts.at(name)) << name << "\n" << result.err;
		EXPECT_NE(result.err.find(name + ": layout " + kLayouts.at(name)), std::string::npos) << result.err;
		EXPECT_NE(result.err.find(", 0 bad lines"), std::string::npos) << name << "\n" << result.err;
	}
}

//! Appends a crafted positive, written in the file's own layout, to a copy of each real file:
//! the detection must report exactly that event, with the host, user and image of the layout's
//! own fields.
TEST_F(RealLogLayouts, InjectedPositiveIsReportedInEveryLayout) {
	// 52.80.20.7 on port 4180 = 52*80+20, the APT12 formula.
	const std::map<std::string, std::string> positives = {
	    {"nxlog", R"({"EventID": 3, "SourceName": "Microsoft-Windows-Sysmon", "Hostname": "INJ-NXLOG", "host": "collector", "User": "CORP\\inj", "Image": "C:\\inj\\nxlog.exe", "DestinationIp": "52.80.20.7", "DestinationPort": "4180", "UtcTime": "2024-05-01 10:00:00.000"})"},
	    {"winlogbeat6", R"({"event_id": 3, "source_name": "Microsoft-Windows-Sysmon", "computer_name": "INJ-WLB6", "host": {"name": "collector"}, "event_data": {"User": "CORP\\inj", "Image": "C:\\inj\\wlb6.exe", "DestinationIp": "52.80.20.7", "DestinationPort": "4180", "UtcTime": "2024-05-01 10:00:00.000"}})"},
	    {"winlogbeat7", R"({"winlog": {"event_id": 3, "provider_name": "Microsoft-Windows-Sysmon", "computer_name": "INJ-WLB7", "event_data": {"User": "CORP\\inj", "Image": "C:\\inj\\wlb7.exe", "DestinationIp": "52.80.20.7", "DestinationPort": "4180", "UtcTime": "2024-05-01 10:00:00.000"}}, "host": {"name": "collector"}})"},
	    {"evtx", R"({"Event": {"System": {"Provider": {"Name": "Microsoft-Windows-Sysmon"}, "EventID": "3", "Computer": "INJ-EVTX"}, "EventData": {"User": "CORP\\inj", "Image": "C:\\inj\\evtx.exe", "DestinationIp": "52.80.20.7", "DestinationPort": "4180", "UtcTime": "2024-05-01 10:00:00.000"}}})"},
	    {"linux-syslog", R"({"Computer": "INJ-LINUX", "TimeGenerated": "2024-05-01T10:00:00Z", "SyslogMessage": "<Event><System><Provider Name=\"Linux-Sysmon\"/><EventID>3</EventID></System><EventData><Data Name=\"User\">inj</Data><Data Name=\"Image\">/inj/linux</Data><Data Name=\"DestinationIp\">52.80.20.7</Data><Data Name=\"DestinationPort\">4180</Data></EventData></Event>"})"},
	};
	const std::map<std::string, std::string> expected = {
	    {"nxlog", R"("Computer":"INJ-NXLOG","User":"CORP\\inj","Image":"C:\\inj\\nxlog.exe")"},
	    {"winlogbeat6", R"("Computer":"INJ-WLB6","User":"CORP\\inj","Image":"C:\\inj\\wlb6.exe")"},
	    {"winlogbeat7", R"("Computer":"INJ-WLB7","User":"CORP\\inj","Image":"C:\\inj\\wlb7.exe")"},
	    {"evtx", R"("Computer":"INJ-EVTX","User":"CORP\\inj","Image":"C:\\inj\\evtx.exe")"},
	    {"linux-syslog", R"("Computer":"INJ-LINUX","User":"inj","Image":"/inj/linux")"},
	};

	for (const auto &[name, layout] : kLayouts) {
		fs::path copy = folder_ / name;
		fs::copy_file(fs::path(SUMOQL_SOURCE_DIR) / kRealLogs / name, copy);
		std::ofstream(copy, std::ios::app) << positives.at(layout) << '\n';

		auto result = RunSumoql(std::string("run -f jsonl --layout auto --source-category endpoint/network/sysmon ") +
		                        kDetection + " '" + copy.string() + "'");
		EXPECT_EQ(result.exit_code, 0) << name << "\n" << result.err;
		EXPECT_NE(result.err.find("1 row output"), std::string::npos) << name << "\n" << result.err;
		EXPECT_NE(result.out.find("\"_messageTime\":1714557600000," + expected.at(layout)), std::string::npos)
		    << name << "\n" << result.out;
		EXPECT_NE(result.out.find("\"dst_port\":4180"), std::string::npos) << name << "\n" << result.out;
		fs::remove(copy);
	}
}

//! Parses the `Event` column of each output row, which contains the event's `Event` object as
//! JSON text.
std::vector<nlohmann::json> ParseEventColumn(const std::string &rows) {
	std::vector<nlohmann::json> events;
	std::istringstream lines(rows);
	std::string line;
	while (std::getline(lines, line)) {
		auto row = nlohmann::json::parse(line);
		events.push_back(row["Event"].is_string() ? nlohmann::json::parse(row["Event"].get<std::string>()) : row["Event"]);
	}
	return events;
}

//! Four real .evtx files and their records in the JSON rendering. Both sit outside the
//! repository (the .evtx files are GPL-3.0 and are never copied), so the test skips without them.
TEST_F(SourcesCliTest, EvtxFilesMatchTheirJsonRendering) {
	fs::path evtx_folder = fs::path(SUMOQL_SOURCE_DIR) / "../shared/data/evtx";
	fs::path rendering = fs::path(SUMOQL_SOURCE_DIR) / "../shared/data/real/evtx-attack-samples_sysmon3-files_evtx.jsonl";
	if (!fs::exists(evtx_folder) || !fs::exists(rendering)) {
		GTEST_SKIP() << "real .evtx files not found at " << evtx_folder << "; they are not part of the repository";
	}

	// Each file's first line in the rendering and its record count. The rendering concatenates 42
	// files in path order, with these published counts before and at each of the four.
	struct Part {
		const char *name;
		int first_line;
		int records;
	};
	const Part parts[] = {
	    {"DE_sysmon-3-rdp-tun.evtx", 565 + 122 + 1, 73},
	    {"tunna_iis_rdp_smb_tunneling_sysmon_3.evtx", 565 + 122 + 73 + 1, 12},
	    {"sysmon_3_10_Invoke-Mimikatz_hosted_Github.evtx", 565 + 122 + 73 + 12 + 33 + 1, 2},
	    {"discovery_enum_shares_target_sysmon_3_18.evtx", 565 + 122 + 73 + 12 + 33 + 2 + 11 + 64 + 10 + 1, 4},
	};

	std::vector<std::string> rendering_lines;
	{
		std::ifstream in(rendering);
		std::string line;
		while (std::getline(in, line)) {
			rendering_lines.push_back(line);
		}
	}

	for (const Part &part : parts) {
		std::string lines;
		for (int i = 0; i < part.records; i++) {
			lines += rendering_lines.at(static_cast<std::size_t>(part.first_line - 1 + i)) + "\n";
		}
		fs::path json_part = Write(std::string(part.name) + ".jsonl", lines);
		std::string evtx_file = "'" + (evtx_folder / part.name).string() + "'";
		std::string json_file = "'" + json_part.string() + "'";

		auto from_evtx = RunSumoql("run -q -f jsonl -e '| fields Event' " + evtx_file);
		auto from_json = RunSumoql("run -q -f jsonl -e '| fields Event' " + json_file);
		ASSERT_EQ(from_evtx.exit_code, 0) << part.name << "\n" << from_evtx.err;
		auto evtx_events = ParseEventColumn(from_evtx.out);
		auto json_events = ParseEventColumn(from_json.out);
		ASSERT_EQ(evtx_events.size(), static_cast<std::size_t>(part.records)) << part.name;
		EXPECT_EQ(evtx_events, json_events) << part.name;

		std::string detection = std::string("run -f jsonl --layout auto --source-category windows/sysmon ") + kDetection;
		auto evtx_rows = RunSumoql(detection + " " + evtx_file);
		auto json_rows = RunSumoql(detection + " " + json_file);
		EXPECT_EQ(evtx_rows.exit_code, 0) << part.name << "\n" << evtx_rows.err;
		EXPECT_EQ(evtx_rows.out, json_rows.out) << part.name;
		EXPECT_NE(evtx_rows.err.find("layout evtx"), std::string::npos) << evtx_rows.err;
	}
}

TEST_F(SourcesCliTest, EvtxRawIsRecordXml) {
	fs::path evtx = fs::path(SUMOQL_SOURCE_DIR) / "../shared/data/evtx/sysmon_3_10_Invoke-Mimikatz_hosted_Github.evtx";
	if (!fs::exists(evtx)) {
		GTEST_SKIP() << "real .evtx files not found at " << evtx.parent_path() << "; they are not part of the repository";
	}
	auto result = RunSumoql("run -q -f jsonl -e '\"10272\" | fields _raw' '" + evtx.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	auto row = nlohmann::json::parse(result.out);
	std::string raw = row["_raw"];
	EXPECT_TRUE(raw.starts_with("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">")) << raw;
	EXPECT_NE(raw.find("<EventRecordID>10272</EventRecordID>"), std::string::npos) << raw;
	EXPECT_NE(raw.find("<Data Name=\"DestinationIp\">151.101.36.133</Data>"), std::string::npos) << raw;
}

//! A damaged copy of a real .evtx file, made in the test's folder: every record is either read or
//! counted as a bad record, and --fail-on-bad-input makes the damage fatal.
TEST_F(SourcesCliTest, CorruptEvtxCountsLostRecords) {
	fs::path original = fs::path(SUMOQL_SOURCE_DIR) / "../shared/data/evtx/DE_sysmon-3-rdp-tun.evtx";
	if (!fs::exists(original)) {
		GTEST_SKIP() << "real .evtx files not found at " << original.parent_path() << "; they are not part of the repository";
	}
	std::ifstream in(original, std::ios::binary);
	std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	ASSERT_GT(bytes.size(), 23000u);

	// Zeroes 3000 bytes inside the file's only chunk, which contains all 73 records.
	std::string damaged = bytes;
	std::fill(damaged.begin() + 20000, damaged.begin() + 23000, '\0');
	fs::path corrupt = Write("corrupt.evtx", damaged);
	auto result = RunSumoql("run -f jsonl -e '| fields x' '" + corrupt.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	std::smatch counts;
	ASSERT_TRUE(std::regex_search(result.err, counts, std::regex(R"(corrupt.evtx: (\d+) events, layout none, (\d+) bad records)")))
	    << result.err;
	int events = std::stoi(counts[1]);
	int bad_records = std::stoi(counts[2]);
	EXPECT_GT(bad_records, 0) << result.err;
	EXPECT_EQ(events + bad_records, 73) << result.err;
	EXPECT_NE(result.err.find("the event log is corrupted"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("bad event log record"), std::string::npos) << result.err;

	auto fatal = RunSumoql("run --fail-on-bad-input -f jsonl -e '| fields x' '" + corrupt.string() + "'");
	EXPECT_EQ(fatal.exit_code, 2) << fatal.err;
	EXPECT_NE(fatal.err.find("corrupt.evtx"), std::string::npos) << fatal.err;

	// A copy cut inside its only chunk keeps no record, and the loss is still reported.
	fs::path truncated = Write("truncated.evtx", bytes.substr(0, 30000));
	auto cut = RunSumoql("run -f jsonl -e '| fields x' '" + truncated.string() + "'");
	EXPECT_EQ(cut.exit_code, 0) << cut.err;
	EXPECT_NE(cut.err.find("truncated.evtx: 0 events, layout none, 1 bad record,"), std::string::npos) << cut.err;
	auto cut_fatal = RunSumoql("run --fail-on-bad-input -f jsonl -e '| fields x' '" + truncated.string() + "'");
	EXPECT_EQ(cut_fatal.exit_code, 2) << cut_fatal.err;
}

TEST_F(SourcesCliTest, EvtxInGzipOrStdinIsInputError) {
	fs::path original = fs::path(SUMOQL_SOURCE_DIR) / "../shared/data/evtx/DE_sysmon-3-rdp-tun.evtx";
	if (!fs::exists(original)) {
		GTEST_SKIP() << "real .evtx files not found at " << original.parent_path() << "; they are not part of the repository";
	}
	std::ifstream in(original, std::ios::binary);
	std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	fs::path compressed = WriteGzip("log.evtx.gz", bytes);

	const std::string message = "EVTX inside gzip or on standard input is not supported";
	auto gzip = RunSumoql("run -f jsonl -e '| fields x' '" + compressed.string() + "'");
	EXPECT_EQ(gzip.exit_code, 2) << gzip.err;
	EXPECT_NE(gzip.err.find("log.evtx.gz: " + message), std::string::npos) << gzip.err;
	EXPECT_EQ(gzip.err.find("bad line"), std::string::npos) << gzip.err;

	auto piped = RunSumoql("run -f jsonl -e '| fields x' - < '" + original.string() + "'");
	EXPECT_EQ(piped.exit_code, 2) << piped.err;
	EXPECT_NE(piped.err.find("<stdin>: " + message), std::string::npos) << piped.err;
}

TEST_F(SourcesCliTest, MissingLaterInputFailsBeforeRows) {
	fs::path present = Write("present.jsonl", "{\"x\": \"1\"}\n");
	auto missing = RunSumoql("run -f jsonl -e '| fields x' '" + present.string() + "' '" + (folder_ / "absent.jsonl").string() + "'");
	EXPECT_EQ(missing.exit_code, 2) << missing.err;
	EXPECT_EQ(missing.out, "") << "no row may be printed before the missing input is reported";
	EXPECT_NE(missing.err.find("absent.jsonl: cannot open: No such file or directory"), std::string::npos) << missing.err;

	auto directory = RunSumoql("run -f jsonl -e '| fields x' '" + present.string() + "' '" + folder_.string() + "'");
	EXPECT_EQ(directory.exit_code, 2) << directory.err;
	EXPECT_EQ(directory.out, "");
	EXPECT_NE(directory.err.find("cannot read a directory"), std::string::npos) << directory.err;
}

TEST_F(SourcesCliTest, OverlappingGlobsReadFileOnce) {
	Write("logs/a.jsonl", "{\"x\": \"1\"}\n");
	Write("sumoql.yaml", "sources:\n"
	                     "  - name: all\n"
	                     "    path: logs/*.jsonl\n"
	                     "  - name: a-only\n"
	                     "    path: logs/a.*\n"
	                     "  - name: none\n"
	                     "    path: missing/*.jsonl\n");
	auto result = RunSumoqlIn(folder_, "run -f jsonl -e '| fields x'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"x\":\"1\"}\n");
	EXPECT_NE(result.err.find("1 event read from 1 file"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("warning: sumoql.yaml:6: source 'none': no file matches the path"), std::string::npos)
	    << result.err;
}

TEST_F(SourcesCliTest, NoSourceMatchesNamesEachGlob) {
	Write("sumoql.yaml", "sources:\n"
	                     "  - name: first\n"
	                     "    path: one/*.jsonl\n"
	                     "  - name: second\n"
	                     "    path: two/*.jsonl\n");
	auto result = RunSumoqlIn(folder_, "run -f jsonl -e '| fields x'");
	EXPECT_EQ(result.exit_code, 2) << result.err;
	EXPECT_NE(result.err.find("sumoql.yaml:2: source 'first': path '"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("sumoql.yaml:4: source 'second': path '"), std::string::npos) << result.err;
}

TEST_F(SourcesCliTest, DuplicateSourceNameIsConfigError) {
	Write("logs/a.jsonl", "{\"x\": \"1\"}\n");
	Write("sumoql.yaml", "sources:\n"
	                     "  - name: app\n"
	                     "    path: logs/*.jsonl\n"
	                     "  - name: app\n"
	                     "    path: other/*.jsonl\n");
	auto result = RunSumoqlIn(folder_, "run -f jsonl -e '| fields x'");
	EXPECT_EQ(result.exit_code, 2) << result.err;
	EXPECT_EQ(result.out, "");
	EXPECT_NE(result.err.find("sumoql.yaml:4:5: duplicate source name 'app', first used at sumoql.yaml:2"),
	          std::string::npos)
	    << result.err;
}

} // namespace
