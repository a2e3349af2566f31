// Sources as a user declares them: the project config file, field extraction rule files, shipped
// layouts and their detection, gzip input, time ranges, and the per-file summary. The tests over
// real Sysmon logs skip with a message when those logs are absent.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
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
	EXPECT_NE(result.err.find(fer.string() + ":1:23: error: invalid regular expression"), std::string::npos)
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

TEST_F(SourcesCliTest, LayoutAutoSaysWhatItChose) {
	fs::path input = Write("wlb7.jsonl", R"({"winlog": {"event_id": 3, "computer_name": "HOST-A", "event_data": {"Image": "a.exe"}}})"
	                                     "\n");
	auto result = RunSumoql("run -f jsonl --layout auto -e '| fields EventID, Computer, Image' '" + input.string() + "'");
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_EQ(result.out, "{\"EventID\":\"3\",\"Computer\":\"HOST-A\",\"Image\":\"a.exe\"}\n");
	EXPECT_NE(result.err.find("wlb7.jsonl: layout winlogbeat7"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("wlb7.jsonl: 1 event, layout winlogbeat7, 0 bad lines, 0 not matched by the scope"),
	          std::string::npos)
	    << result.err;
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
	fs::path compressed = folder_ / "events.jsonl.gz";
	gzFile gz = gzopen(compressed.c_str(), "wb");
	gzwrite(gz, lines.data(), static_cast<unsigned>(lines.size()));
	gzclose(gz);

	std::string query = " -f jsonl -e '| where n matches \"*7\" | fields n' ";
	auto from_plain = RunSumoql("run --threads 2" + query + "'" + plain.string() + "'");
	auto from_gzip = RunSumoql("run --threads 2" + query + "'" + compressed.string() + "'");
	EXPECT_EQ(from_gzip.exit_code, 0) << from_gzip.err;
	EXPECT_EQ(from_gzip.out, from_plain.out);
	// 300 of the numbers 0 to 2999 end in 7.
	EXPECT_NE(from_gzip.err.find("3000 events read from 1 file, 300 rows output"), std::string::npos) << from_gzip.err;
}

TEST_F(SourcesCliTest, TruncatedGzipIsInputError) {
	std::string lines(100000, 'x');
	fs::path compressed = folder_ / "cut.jsonl.gz";
	gzFile gz = gzopen(compressed.c_str(), "wb");
	gzwrite(gz, lines.data(), static_cast<unsigned>(lines.size()));
	gzclose(gz);
	fs::resize_file(compressed, fs::file_size(compressed) / 2);

	auto result = RunSumoql("run -e '| fields a' '" + compressed.string() + "'");
	EXPECT_EQ(result.exit_code, 2);
	EXPECT_NE(result.err.find("truncated"), std::string::npos) << result.err;
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
		EXPECT_EQ(RowsOutOf(result.err, "where at line 2"), kEventId3Counts.at(name)) << name << "\n" << result.err;
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

} // namespace
