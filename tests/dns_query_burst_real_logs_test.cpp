// The DNS query burst hunt (queries/t1568.003-dns-query-burst.sumo) over real Sysmon logs in
// four layouts. The logs sit outside the repository and are not shipped, so every test skips
// with a message when they are absent.
//
// The expected groups were derived without sumoql, with
//   TZ=UTC jq -n -r -f tests/data/dns_query_burst_groups.jq FILE
// which reads each raw event (EventID, UtcTime, Hostname and Image, or their winlog.* names in
// Winlogbeat 7), keeps event ID 22, drops the same browser file names as the query, floors
// UtcTime to 300 seconds, and counts events and unique QueryName values per slice, host and
// lower-cased Image.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

namespace {

namespace fs = std::filesystem;
using sumoql::testing::RunSumoql;

const char *kQuery = "queries/t1568.003-dns-query-burst.sumo";
const char *kRealLogs = "../shared/data/real";
const char *kThreshold = "| where distinct_names >= 20";

//! One output row: _timeslice, Computer, process_image, queries, distinct_names.
using BurstRow = std::tuple<long long, std::string, std::string, long long, long long>;

//! Sysmon event ID 22 count of each file, from the files' published per-EventID counts.
const std::map<std::string, long> kEventId22Counts = {
    {"otrf-sd_covenant_dcom_executeexcel4macro_flat.jsonl", 18},
    {"otrf-sd_covenant_psremoting_grunt_flat.jsonl", 20},
    {"otrf-sd_covenant_dcom_iertutil_sysmon-1-3-22-subset_flat.jsonl", 50},
    {"otrf-mordor_empire_launcher_vbs_winlogbeat6.jsonl", 0},
    {"otrf-mordor_remoteinteractive_taskmngr_lsass_dump_winlogbeat7.jsonl", 5},
    {"evtx-attack-samples_sysmon3-files_evtx.jsonl", 0},
    {"otrf-sd_log4shell_linux-sysmon_sentinel-syslog.jsonl", 0},
};

//! Every slice, host and image group of the files that have event ID 22, from the jq program
//! in the file header. Times are the slice starts in epoch milliseconds (UTC).
const std::map<std::string, std::set<BurstRow>> kGroups = {
    {"otrf-sd_covenant_dcom_executeexcel4macro_flat.jsonl",
     {
         // 2020-09-17 21:45. Excel's 12 names are the most of any group in these files.
         {1600379100000, "WORKSTATION6.theshire.local",
          R"(c:\program files (x86)\microsoft office\root\office16\excel.exe)", 12, 12},
         {1600379100000, "WORKSTATION6.theshire.local", R"(c:\windows\system32\backgroundtaskhost.exe)", 3, 3},
         // login.live.com twice and localhost once.
         {1600379100000, "WORKSTATION6.theshire.local", R"(c:\windows\system32\svchost.exe)", 3, 2},
     }},
    {"otrf-sd_covenant_psremoting_grunt_flat.jsonl",
     {
         // 2019-12-05 01:45, 01:50 and 01:55. Sysmon logs the image as both system32 and
         // System32, and the lower-cased key joins them.
         {1575510300000, "IT001.shire.com", R"(c:\windows\system32\svchost.exe)", 5, 2},
         {1575510600000, "IT001.shire.com", R"(c:\windows\system32\svchost.exe)", 1, 1},
         {1575510600000, "IT001.shire.com", R"(c:\windows\sysmon.exe)", 1, 1},
         {1575510600000, "ACCT001.shire.com", R"(c:\windows\system32\svchost.exe)", 6, 3},
         {1575510600000, "ACCT001.shire.com", R"(c:\windows\sysmon.exe)", 1, 1},
         {1575510600000, "FILE001.shire.com", R"(c:\windows\system32\svchost.exe)", 1, 1},
         {1575510600000, "FILE001.shire.com", R"(c:\windows\sysmon.exe)", 1, 1},
         {1575510600000, "HR001.shire.com", R"(c:\windows\sysmon.exe)", 1, 1},
         {1575510600000, "HR001.shire.com", R"(c:\windows\system32\windowspowershell\v1.0\powershell.exe)", 1, 1},
         {1575510900000, "HR001.shire.com", R"(c:\windows\system32\svchost.exe)", 2, 2},
     }},
    {"otrf-sd_covenant_dcom_iertutil_sysmon-1-3-22-subset_flat.jsonl",
     {
         // 2020-10-09 22:25 and 22:30. The 25 MicrosoftEdgeCP.exe queries (24 names in the
         // 22:25 slice), MicrosoftEdge.exe and iexplore.exe are browsers and give no group.
         {1602282300000, "WORKSTATION5.theshire.local",
          R"(c:\windows\systemapps\microsoft.windows.cortana_cw5n1h2txyewy\searchui.exe)", 4, 4},
         {1602282300000, "WORKSTATION5.theshire.local", R"(c:\windows\system32\smartscreen.exe)", 4, 4},
         {1602282300000, "WORKSTATION5.theshire.local", R"(c:\windows\system32\backgroundtransferhost.exe)", 2, 2},
         {1602282300000, "WORKSTATION5.theshire.local", R"(c:\windows\system32\browser_broker.exe)", 2, 2},
         {1602282300000, "WORKSTATION5.theshire.local", R"(c:\windows\system32\dsregcmd.exe)", 1, 1},
         {1602282600000, "WORKSTATION5.theshire.local", R"(c:\windows\system32\svchost.exe)", 3, 2},
         {1602282600000, "WORKSTATION6.theshire.local", R"(c:\windows\system32\notepad.exe)", 2, 1},
     }},
    {"otrf-mordor_remoteinteractive_taskmngr_lsass_dump_winlogbeat7.jsonl",
     {
         // 2019-10-27 05:50.
         {1572155400000, "IT001.shire.com", R"(c:\windows\system32\mstsc.exe)", 2, 2},
         {1572155400000, "HFDC01.shire.com", R"(c:\windows\system32\svchost.exe)", 2, 2},
         {1572155400000, "HFDC01.shire.com", R"(c:\windows\sysmon.exe)", 1, 1},
     }},
};

//! Runs the real-log tests in a scratch folder, skipping them when the logs are absent.
class RealLogsDnsBurst : public ::testing::Test {
protected:
	void SetUp() override {
		logs_ = fs::path(SUMOQL_SOURCE_DIR) / kRealLogs;
		if (!fs::exists(logs_)) {
			GTEST_SKIP() << "real logs not found at " << logs_ << "; they are not part of the repository";
		}
		folder_ = sumoql::testing::MakeScratchFolder("dns_query_burst");
	}

	void TearDown() override {
		if (!folder_.empty()) {
			fs::remove_all(folder_);
		}
	}

	//! Runs `query` over one real file with the layout detected and a scope-matching category.
	sumoql::testing::CommandResult RunOver(const std::string &query, const std::string &file) const {
		return RunSumoql("run -f jsonl --layout auto --stage-counts --source-category endpoint/network/sysmon '" +
		                 query + "' '" + (logs_ / file).string() + "'");
	}

	fs::path logs_;
	fs::path folder_;
};

//! Returns the rows that left the stage whose label is `label`, from --stage-counts output.
long RowsOutOf(const std::string &err, const std::string &label) {
	std::smatch match;
	std::regex pattern("\\(" + label + "\\): \\d+ in, (\\d+) out");
	return std::regex_search(err, match, pattern) ? std::stol(match[1]) : -1;
}

//! Returns the 1-based line of the query text that contains `text`, or 0.
int LineOf(const std::string &query, const std::string &text) {
	std::istringstream lines(query);
	std::string line;
	for (int number = 1; std::getline(lines, line); ++number) {
		if (line.find(text) != std::string::npos) {
			return number;
		}
	}
	return 0;
}

std::set<BurstRow> ParseRows(const std::string &out) {
	std::set<BurstRow> rows;
	std::istringstream lines(out);
	std::string line;
	while (std::getline(lines, line)) {
		auto row = nlohmann::json::parse(line);
		rows.emplace(row["_timeslice"].get<long long>(), row["Computer"].get<std::string>(),
		             row["process_image"].get<std::string>(), row["queries"].get<long long>(),
		             row["distinct_names"].get<long long>());
	}
	return rows;
}

std::string Describe(const std::set<BurstRow> &rows) {
	std::ostringstream text;
	for (const auto &[slice, computer, image, queries, names] : rows) {
		text << slice << " " << computer << " " << image << " " << queries << " " << names << "\n";
	}
	return text.str();
}

TEST_F(RealLogsDnsBurst, ShippedThresholdFindsNoBurst) {
	const std::string query = sumoql::testing::ReadFile(fs::path(SUMOQL_SOURCE_DIR) / kQuery);
	const int event_filter_line = LineOf(query, "| where EventID = \"22\"");
	ASSERT_GT(event_filter_line, 0) << "the event ID filter is not in " << kQuery;

	for (const auto &entry : fs::directory_iterator(logs_)) {
		if (entry.path().extension() != ".jsonl") {
			continue;
		}
		const std::string name = entry.path().filename().string();
		ASSERT_TRUE(kEventId22Counts.count(name)) << "no expected count for " << name;

		auto result = RunOver(kQuery, name);
		EXPECT_EQ(result.exit_code, 0) << name << "\n" << result.err;
		EXPECT_EQ(RowsOutOf(result.err, "where at " + std::to_string(event_filter_line) + ":3"), kEventId22Counts.at(name))
		    << name << "\n" << result.err;
		// The largest non-browser group in these lab recordings has 12 distinct names.
		EXPECT_EQ(result.out, "") << name;
		EXPECT_NE(result.err.find(", 0 bad lines"), std::string::npos) << name << "\n" << result.err;
	}
}

TEST_F(RealLogsDnsBurst, ThresholdOneListsEveryGroup) {
	std::string query = sumoql::testing::ReadFile(fs::path(SUMOQL_SOURCE_DIR) / kQuery);
	const auto threshold = query.find(kThreshold);
	ASSERT_NE(threshold, std::string::npos) << "the threshold is not in " << kQuery;
	query.replace(threshold, std::string(kThreshold).size(), "| where distinct_names >= 1");
	const fs::path lowered = folder_ / "threshold-one.sumo";
	sumoql::testing::WriteFile(lowered, query);

	for (const auto &[name, groups] : kGroups) {
		auto result = RunOver(lowered.string(), name);
		ASSERT_EQ(result.exit_code, 0) << name << "\n" << result.err;
		const auto rows = ParseRows(result.out);
		EXPECT_EQ(rows, groups) << name << "\nactual:\n" << Describe(rows) << "expected:\n" << Describe(groups);
	}
}

} // namespace
