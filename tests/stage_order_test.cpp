// The order the planner runs query stages in: a `nodrop` parse runs just before the first stage
// that could see it, and stage counts still follow the query's order.

#include "engine/execution/query_plan.hpp"
#include "grammar/parser.hpp"
#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sumoql {
namespace {

using testing::MakeScratchFolder;
using testing::RunSumoql;
using testing::WriteFile;

//! The query position of each operator of `query_text`'s plan, in run order.
std::vector<idx_t> RunOrder(const std::string &query_text) {
	ast::Query query = ParseQuery(query_text);
	auto plan = PlanQuery(query, PlanOptions());
	return plan->query_positions;
}

TEST(StageOrder, NodropParseRunsBeforeItsFirstReader) {
	// Stages: parse, where on port, where on ip, where on a.
	auto order = RunOrder("| parse field=ip \"^(?<a>\\d+)\\.\" nodrop | where port = \"80\" "
	                      "| where !(ip matches \"10.*\") | where a = \"8\"");
	EXPECT_EQ(order, (std::vector<idx_t> {1, 2, 0, 3}));
}

TEST(StageOrder, ScopeStaysFirst) {
	auto order = RunOrder("x=1 | parse field=ip \"^(?<a>\\d+)\\.\" nodrop | where port = \"80\" | where a = \"8\"");
	EXPECT_EQ(order, (std::vector<idx_t> {0, 2, 1, 3}));
}

TEST(StageOrder, ParseThatDropsRowsStaysInPlace) {
	auto order = RunOrder("| parse field=ip \"^(?<a>\\d+)\\.\" | where port = \"80\" | where a = \"8\"");
	EXPECT_EQ(order, (std::vector<idx_t> {0, 1, 2}));
}

TEST(StageOrder, ParseInARunStaysInPlace) {
	auto order = RunOrder("| parse field=m \"a=*;\" as a nodrop | parse field=m \"b=*;\" as b | where port = \"80\"");
	EXPECT_EQ(order, (std::vector<idx_t> {0, 1, 2}));
}

TEST(StageOrder, ParseStopsAtConflictingWrite) {
	EXPECT_EQ(RunOrder("| parse field=ip \"^(?<a>\\d+)\\.\" nodrop | where port = \"80\" | \"x\" as ip"),
	          (std::vector<idx_t> {1, 0, 2}));
	EXPECT_EQ(RunOrder("| parse field=ip \"^(?<a>\\d+)\\.\" nodrop | where port = \"80\" | \"5\" as a"),
	          (std::vector<idx_t> {1, 0, 2}));
}

TEST(StageOrder, ParseStopsAtNonRowLocalStage) {
	EXPECT_EQ(RunOrder("| parse field=ip \"^(?<a>\\d+)\\.\" nodrop | where port = \"80\" | sort by port"),
	          (std::vector<idx_t> {1, 0, 2}));
	EXPECT_EQ(RunOrder("| parse field=ip \"^(?<a>\\d+)\\.\" nodrop | fields ip, a | where port = \"80\""),
	          (std::vector<idx_t> {0, 1, 2}));
}

TEST(StageOrder, StageCountsFollowQueryOrder) {
	auto folder = MakeScratchFolder("stage_order");
	WriteFile(folder / "events.jsonl", "{\"ip\":\"10.1.2.3\",\"port\":\"80\"}\n"
	                                   "{\"ip\":\"8.8.4.4\",\"port\":\"80\"}\n"
	                                   "{\"ip\":\"9.9.9.9\",\"port\":\"443\"}\n"
	                                   "{\"ip\":\"x\",\"port\":\"80\"}\n");
	WriteFile(folder / "q.sumo", "| parse field=ip \"^(?<a>\\d+)\\.\" nodrop\n"
	                             "| where port = \"80\"\n"
	                             "| where a = \"8\"\n");

	auto result = RunSumoql("run -f jsonl --stage-counts " + (folder / "q.sumo").string() + " " +
	                        (folder / "events.jsonl").string());

	ASSERT_EQ(result.exit_code, 0) << result.err;
	// Where the query writes it, the parse keeps all 4 rows. The port filter keeps 3 of them, and
	// only 8.8.4.4 has a first octet of 8.
	EXPECT_NE(result.err.find("stage 1 (parse regex at 1:3): 4 in, 4 out"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("stage 2 (where at 2:3): 4 in, 3 out"), std::string::npos) << result.err;
	EXPECT_NE(result.err.find("stage 3 (where at 3:3): 3 in, 1 out"), std::string::npos) << result.err;
	EXPECT_EQ(result.out, "{\"ip\":\"8.8.4.4\",\"port\":\"80\",\"a\":\"8\"}\n");
}

TEST(StageOrder, ExplainNotesDeferredParse) {
	auto result = RunSumoql("explain -e '| parse field=ip \"^(?<a>\\d+)\\.\" nodrop | where port = \"80\" "
	                        "| where b = \"1\" | where a = \"8\"'");

	ASSERT_EQ(result.exit_code, 0) << result.err;
	// The parse is stage 1 and runs between the filter on b (stage 3) and the one on a (stage 4).
	EXPECT_NE(result.out.find("runs later, after stage 3 and just before stage 4"), std::string::npos) << result.out;
}

} // namespace
} // namespace sumoql
