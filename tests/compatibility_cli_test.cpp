// `sumoql check` and `sumoql run` on constructs that Sumo Logic rejects or reads differently:
// warnings by default, errors under --strict, with codes, positions and hints.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

using sumoql::testing::MakeScratchFolder;
using sumoql::testing::RunSumoql;
using sumoql::testing::WriteFile;

// Positions worked out by hand from this text:
//   line 2: `"10.*"` starts at column 25.
//   line 3: `o1` at column 9, created by line 4.
//   line 5: the repeated `A` at column 16.
//   line 6: `o1 * 2` at column 7.
constexpr const char *kQuery = "_sourceCategory=x DestinationIp=10.*\n"
                               "| where DestinationIp = \"10.*\"\n"
                               "| where o1 > 3\n"
                               "| num(oct1) as o1\n"
                               "| fields a, b, A, o1\n"
                               "| sum(o1 * 2) as s by b\n";

std::string WriteQuery() {
	auto folder = MakeScratchFolder("compatibility");
	auto path = folder / "q.sumo";
	WriteFile(path, kQuery);
	return path.string();
}

std::vector<nlohmann::json> JsonLines(const std::string &text) {
	std::vector<nlohmann::json> lines;
	std::istringstream stream(text);
	std::string line;
	while (std::getline(stream, line)) {
		lines.push_back(nlohmann::json::parse(line));
	}
	return lines;
}

TEST(CompatibilityCli, CheckWarnsWithCodes) {
	const std::string path = WriteQuery();
	auto result = RunSumoql("check " + path);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	EXPECT_NE(result.err.find(path + ":2:25: warning SQ2006: '=' compares text literally"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("hint: write 'field matches \"text*\"' for a wildcard match"), std::string::npos);
	EXPECT_NE(result.err.find(path + ":3:9: warning SQ2007: field 'o1' is read before the stage at 4:3"),
	          std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(path + ":5:16: warning SQ2008: field 'a' is listed twice"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find(path + ":6:7: warning SQ2009:"), std::string::npos) << result.err;
}

TEST(CompatibilityCli, CheckShowsCaretUnderFinding) {
	const std::string path = WriteQuery();
	auto result = RunSumoql("check " + path);
	EXPECT_NE(result.err.find("| where DestinationIp = \"10.*\"\n                        ^~~~~~\n"), std::string::npos)
	    << result.err;
	EXPECT_NE(result.err.find("| where o1 > 3\n        ^~\n"), std::string::npos) << result.err;
}

TEST(CompatibilityCli, ScopeWildcardIsNotReported) {
	const std::string path = WriteQuery();
	auto result = RunSumoql("check " + path);
	EXPECT_EQ(result.err.find(path + ":1:"), std::string::npos) << result.err;
}

TEST(CompatibilityCli, CheckStrictMakesErrors) {
	const std::string path = WriteQuery();
	auto result = RunSumoql("check --strict " + path);
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_NE(result.err.find(path + ":2:25: error SQ2006:"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find(path + ":3:9: error SQ2007:"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find(path + ":5:16: error SQ2008:"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find(path + ":6:7: error SQ2009:"), std::string::npos) << result.err;
}

TEST(CompatibilityCli, CheckJsonGivesEachFinding) {
	const std::string path = WriteQuery();
	auto result = RunSumoql("check --strict --format json " + path);
	EXPECT_EQ(result.exit_code, 1);
	auto lines = JsonLines(result.out);
	ASSERT_EQ(lines.size(), 4u) << result.out;

	const std::vector<std::tuple<std::string, int, int, int>> expected = {
	    {"SQ2006", 2, 25, 6},
	    {"SQ2007", 3, 9, 2},
	    {"SQ2008", 5, 16, 1},
	    {"SQ2009", 6, 7, 6},
	};
	for (std::size_t i = 0; i < expected.size(); i++) {
		const auto &[code, line, column, length] = expected[i];
		EXPECT_EQ(lines[i]["code"], code) << i;
		EXPECT_EQ(lines[i]["line"], line) << i;
		EXPECT_EQ(lines[i]["column"], column) << i;
		EXPECT_EQ(lines[i]["length"], length) << i;
		EXPECT_EQ(lines[i]["severity"], "error") << i;
		EXPECT_EQ(lines[i]["kind"], "extension") << i;
		EXPECT_FALSE(lines[i]["hint"].get<std::string>().empty()) << i;
	}
}

TEST(CompatibilityCli, NotEqualHintUsesNegatedMatches) {
	// `| where x != "a*"`: the literal starts at column 14.
	auto folder = MakeScratchFolder("compatibility-not-equal");
	WriteFile(folder / "q.sumo", "| where x != \"a*\"\n");
	auto result = RunSumoql("check --format json " + (folder / "q.sumo").string());
	EXPECT_EQ(result.exit_code, 0);
	auto lines = JsonLines(result.out);
	ASSERT_EQ(lines.size(), 1u) << result.out << result.err;
	EXPECT_EQ(lines[0]["code"], "SQ2006");
	EXPECT_EQ(lines[0]["severity"], "warning");
	EXPECT_EQ(lines[0]["column"], 14);
	EXPECT_NE(lines[0]["hint"].get<std::string>().find("!(field matches"), std::string::npos);
}

TEST(CompatibilityCli, RunWarnsAndStrictRunFails) {
	auto folder = MakeScratchFolder("compatibility-run");
	WriteFile(folder / "e.jsonl", "{\"x\":\"3\",\"h\":\"a\"}\n{\"x\":\"4\",\"h\":\"a\"}\n");
	const std::string input = (folder / "e.jsonl").string();

	auto run = RunSumoql("run -q -f jsonl -e '| sum(x * 2) as s by h' " + input);
	EXPECT_EQ(run.exit_code, 0) << run.err;
	EXPECT_EQ(run.out, "{\"h\":\"a\",\"s\":14}\n");
	EXPECT_NE(run.err.find("<query>:1:7: warning SQ2009:"), std::string::npos) << run.err;

	auto strict = RunSumoql("run --strict -q -f jsonl -e '| sum(x * 2) as s by h' " + input);
	EXPECT_EQ(strict.exit_code, 1);
	EXPECT_EQ(strict.out, "");
	EXPECT_NE(strict.err.find("<query>:1:7: error SQ2009:"), std::string::npos) << strict.err;
}

TEST(CompatibilityCli, DuplicateFieldsNameShowsOnce) {
	auto folder = MakeScratchFolder("compatibility-fields");
	WriteFile(folder / "e.jsonl", "{\"a\":\"1\",\"b\":\"2\"}\n");
	auto run = RunSumoql("run -q -f jsonl -e '| fields a, b, A' " + (folder / "e.jsonl").string());
	EXPECT_EQ(run.exit_code, 0) << run.err;
	EXPECT_EQ(run.out, "{\"a\":\"1\",\"b\":\"2\"}\n");
	EXPECT_NE(run.err.find("<query>:1:16: warning SQ2008:"), std::string::npos) << run.err;
}

} // namespace
