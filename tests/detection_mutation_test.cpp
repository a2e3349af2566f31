// Breaks the T1568.003 detection on purpose and checks that its own test file catches each
// break with a diff that names the case and the field. Each mutation is a realistic editing
// mistake; the query and its tests are copied to a scratch folder, so the source tree is never
// changed.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

using sumoql::testing::MakeScratchFolder;
using sumoql::testing::ReadFile;
using sumoql::testing::RunSumoqlIn;
using sumoql::testing::WriteFile;

const char *kQueryName = "t1568.003-dns-calculation";

struct Mutation {
	const char *name;
	std::string from;
	std::string to;
};

//! Returns `text` with its only `from` replaced by `to`, or "" when `from` does not occur once.
std::string ReplaceOnce(const std::string &text, const std::string &from, const std::string &to) {
	auto at = text.find(from);
	if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
		return "";
	}
	return text.substr(0, at) + to + text.substr(at + from.size());
}

class DetectionMutation : public ::testing::Test {
protected:
	void SetUp() override {
		folder_ = MakeScratchFolder("mutation");
		fs::path source = SUMOQL_SOURCE_DIR;
		query_ = ReadFile(source / "queries" / (std::string(kQueryName) + ".sumo"));
		WriteFile(folder_ / "queries" / (std::string(kQueryName) + ".test.yaml"),
		          ReadFile(source / "queries" / (std::string(kQueryName) + ".test.yaml")));
		// The test file reads event files under ../fixtures.
		fs::create_directories(folder_ / "fixtures");
		fs::copy(source / "fixtures" / "t1568.003", folder_ / "fixtures" / "t1568.003",
		         fs::copy_options::recursive);
	}

	void TearDown() override {
		fs::remove_all(folder_);
	}

	//! Writes `query` as the detection in the scratch folder and runs its tests.
	sumoql::testing::CommandResult RunWith(const std::string &query) {
		WriteFile(folder_ / "queries" / (std::string(kQueryName) + ".sumo"), query);
		return RunSumoqlIn(folder_, "test queries");
	}

	fs::path folder_;
	std::string query_;
};

TEST_F(DetectionMutation, UnchangedQueryPasses) {
	auto result = RunWith(query_);
	EXPECT_EQ(result.exit_code, 0) << result.out;
	EXPECT_NE(result.out.find(" passed, 0 failed\n"), std::string::npos) << result.out;
}

TEST_F(DetectionMutation, PrivateRangeWithoutDotCatchesPublicAddress) {
	// "10*" also matches 104.40.12.9, the PowerShell test's public address.
	std::string mutated = ReplaceOnce(query_, "matches \"10.*\"", "matches \"10*\"");
	ASSERT_NE(mutated, "");
	auto result = RunWith(mutated);
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.out.find("t1568.003-dns-calculation.test.yaml:51: art2 powershell connects to the "
	                          "calculated port\n  expected 1 row, got 0 rows\n  missing row 1: "),
	          std::string::npos)
	    << result.out;
	EXPECT_NE(result.out.find("DestinationIp: 104.40.12.9, dst_port: 4172"), std::string::npos) << result.out;
}

TEST_F(DetectionMutation, Dropped8443ExclusionLetsPortThrough) {
	std::string mutated = ReplaceOnce(query_, "dst_port != 8443 AND ", "");
	ASSERT_NE(mutated, "");
	auto result = RunWith(mutated);
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.out.find("FAIL queries/t1568.003-dns-calculation.test.yaml:84: art3 first host ruled out by "
	                          "the 8443 port exclusion\n  expected no rows, got 1\n"),
	          std::string::npos)
	    << result.out;
	EXPECT_NE(result.out.find("art3 all three attempts give one row\n  expected 1 row, got 2 rows\n"
	                          "  unexpected row 2: {DestinationIp: 84.100.43.2, dst_port: 8443}\n"),
	          std::string::npos)
	    << result.out;
}

TEST_F(DetectionMutation, SwappedFormulasChangeComputedPorts) {
	std::string mutated = ReplaceOnce(query_, "eval calc_apt12 = (o1 * o2) + o3", "eval calc_apt12 = o1 * (o2 + o3)");
	mutated = ReplaceOnce(mutated, "eval calc_variant = o1 * (o2 + o3)", "eval calc_variant = (o1 * o2) + o3");
	ASSERT_NE(mutated, "");
	auto result = RunWith(mutated);
	EXPECT_EQ(result.exit_code, 1);
	// 93.184.216.34: APT12 93 * 184 + 216 = 17328 and variant 93 * (184 + 216) = 37200 trade places.
	EXPECT_NE(result.out.find("FAIL queries/t1568.003-dns-calculation.test.yaml:17: art1 python connects to the "
	                          "calculated port\n"
	                          "  row 1 (actual row 1): calc_apt12: expected 17328, got 37200\n"
	                          "  row 1 (actual row 1): calc_variant: expected 37200, got 17328\n"
	                          "  row 1 (actual row 1): matched_formula: expected \"APT12: (oct1*oct2)+oct3\", "
	                          "got \"Variant: oct1*(oct2+oct3)\"\n"),
	          std::string::npos)
	    << result.out;
}

} // namespace
