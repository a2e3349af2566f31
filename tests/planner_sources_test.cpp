// Planning with sources: each source's extraction stages, its projection, and the stages a
// query cannot see being left out.

#include "engine/execution/query_plan.hpp"
#include "engine/sources/extraction_rules.hpp"
#include "grammar/parser.hpp"

#include <gtest/gtest.h>

namespace sumoql {
namespace {

struct PlannedQuery {
	ast::Query query;
	std::vector<ExtractionRules> rules;
	std::unique_ptr<QueryPlan> plan;
};

//! Plans `query_text` with one source per entry of `rule_texts`.
PlannedQuery Plan(const std::string &query_text, const std::vector<std::string> &rule_texts) {
	PlannedQuery planned;
	planned.query = ParseQuery(query_text);
	planned.rules.reserve(rule_texts.size());
	PlanOptions options;
	for (const auto &text : rule_texts) {
		planned.rules.push_back(ParseExtractionRules("<rule>", text));
		options.sources.emplace_back().fer_stages = planned.rules.back().StagePointers();
	}
	planned.plan = PlanQuery(planned.query, options);
	return planned;
}

bool Projects(const Projection &projection, std::string_view key) {
	return projection.root.FindChild(key) != nullptr;
}

TEST(PlannerSources, UnusedExtractionStagesAreLeftOut) {
	auto planned = Plan("| fields Image", {"winlog.Image as Image | winlog.User as User"});
	const SourcePipeline &source = planned.plan->sources.at(0);

	EXPECT_EQ(source.stages.size(), 1u);
	const ProjectionNode *winlog = source.projection.root.FindChild("winlog");
	ASSERT_NE(winlog, nullptr);
	EXPECT_NE(winlog->FindChild("Image"), nullptr);
	EXPECT_EQ(winlog->FindChild("User"), nullptr);
	// The event's own Image key is not read, because the rule sets Image for this source.
	EXPECT_FALSE(Projects(source.projection, "Image"));
}

TEST(PlannerSources, StagesFeedingUsedStagesAreKept) {
	auto planned = Plan("| fields b", {"x as a | a as b | y as c"});
	EXPECT_EQ(planned.plan->sources.at(0).stages.size(), 2u);
}

TEST(PlannerSources, EveryStageRunsWithoutFieldsList) {
	auto planned = Plan("| where a = \"1\"", {"x as a | y as c"});
	EXPECT_EQ(planned.plan->sources.at(0).stages.size(), 2u);
}

TEST(PlannerSources, EachSourceHasItsOwnProjection) {
	auto planned = Plan("| fields Computer", {"Hostname as Computer", "computer_name as Computer", ""});
	const auto &sources = planned.plan->sources;
	ASSERT_EQ(sources.size(), 3u);
	EXPECT_TRUE(Projects(sources[0].projection, "Hostname"));
	EXPECT_FALSE(Projects(sources[0].projection, "computer_name"));
	EXPECT_TRUE(Projects(sources[1].projection, "computer_name"));
	EXPECT_FALSE(Projects(sources[1].projection, "Hostname"));
	// A source without a rule reads Computer from its events.
	EXPECT_TRUE(Projects(sources[2].projection, "Computer"));
	EXPECT_TRUE(sources[2].stages.empty());
}

TEST(PlannerSources, RuleParseStagesKeepEveryEvent) {
	auto planned = Plan("| fields user", {"parse field=msg \"user=*;\" as user"});
	EXPECT_EQ(planned.plan->sources.at(0).stages.size(), 1u);
	EXPECT_EQ(planned.plan->operators.size(), 1u);
}

TEST(PlannerSources, CommentOnlyRuleHasNoStages) {
	auto planned = Plan("| fields a", {"// no stages yet\n/* later */\n"});
	EXPECT_TRUE(planned.plan->sources.at(0).stages.empty());
	EXPECT_TRUE(Projects(planned.plan->sources.at(0).projection, "a"));
}

TEST(PlannerSources, RuleWithFilterIsQueryError) {
	EXPECT_THROW(Plan("| fields a", {"| where a = \"1\""}), QueryError);
	EXPECT_THROW(Plan("| fields a", {"| sort by a"}), QueryError);
}

} // namespace
} // namespace sumoql
