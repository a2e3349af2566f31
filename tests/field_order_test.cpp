// Finding fields that a query reads before the stage that creates them.

#include "engine/execution/field_order.hpp"
#include "grammar/parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sumoql {
namespace {

std::vector<ast::ExtensionUse> FindingsOf(const std::string &text) {
	return FindFieldsReadBeforeCreated(ParseQuery(text));
}

TEST(FieldOrder, WhereBeforeAssignment) {
	// Line 1 `| where o1 > 3` reads o1 at column 9; line 2 creates it.
	auto findings = FindingsOf("| where o1 > 3\n| num(oct1) as o1");
	ASSERT_EQ(findings.size(), 1u);
	EXPECT_EQ(findings[0].kind, ast::ExtensionKind::kFieldReadBeforeCreated);
	EXPECT_EQ(findings[0].subject, "o1");
	EXPECT_EQ(findings[0].span.line, 1u);
	EXPECT_EQ(findings[0].span.column, 9u);
	ASSERT_TRUE(findings[0].related);
	EXPECT_EQ(findings[0].related->line, 2u);
}

TEST(FieldOrder, CaseInsensitiveAndEveryRead) {
	// `| where O1 > 3 and o1 < 9`: O1 at column 9 and o1 at column 20.
	auto findings = FindingsOf("| where O1 > 3 and o1 < 9 | num(oct1) as o1");
	ASSERT_EQ(findings.size(), 2u);
	EXPECT_EQ(findings[0].span.column, 9u);
	EXPECT_EQ(findings[1].span.column, 20u);
}

TEST(FieldOrder, EventFieldsAndBuiltInsAreFine) {
	const std::vector<std::string> queries = {
	    "| where EventID = \"3\" | num(DestinationPort) as port",
	    "| num(x) as y | where y > 1",
	    "| x + 1 as x",
	    "| where _raw contains \"a\" | \"b\" as _raw",
	    "_sourceCategory=a | \"b\" as _sourceCategory",
	    "| count by _sourceHost | \"h\" as _sourceHost",
	};
	for (const auto &text : queries) {
		EXPECT_TRUE(FindingsOf(text).empty()) << text;
	}
}

TEST(FieldOrder, ParseFieldAndSortAndFields) {
	// `| parse field=msg "a=*" as v | fields v, m | sort m | "x" as m`: the parse reads msg,
	// which nothing creates; `fields` reads m at column 42 and `sort` reads m at column 51.
	auto findings = FindingsOf("| parse field=msg \"a=*\" as v | fields v, m | sort m | \"x\" as m");
	ASSERT_EQ(findings.size(), 2u);
	EXPECT_EQ(findings[0].span.column, 42u);
	EXPECT_EQ(findings[1].span.column, 51u);
}

TEST(FieldOrder, RewriteInPlaceIsNotCreation) {
	// The first stage that writes Image or a also reads it, so the field comes from the events.
	const std::vector<std::string> queries = {
	    "| where Image matches \"*cmd*\" | toLowerCase(Image) as Image",
	    "| where a = 1 | a + 1 as a",
	    "| where a = 1 | a + 1 as a | \"x\" as a",
	};
	for (const auto &text : queries) {
		EXPECT_TRUE(FindingsOf(text).empty()) << text;
	}
}

TEST(FieldOrder, CreationAfterRewriteElsewhere) {
	// b is rewritten in place nowhere: `b + 1 as c` reads b and creates c, which line 1 reads.
	auto findings = FindingsOf("| where c > 1\n| b + 1 as c");
	ASSERT_EQ(findings.size(), 1u);
	EXPECT_EQ(findings[0].subject, "c");
}

TEST(FieldOrder, ScopeReadsFieldCreatedLater) {
	// `user=bob | parse "u=*" as user`: the scope term starts at column 1.
	auto findings = FindingsOf("user=bob | parse \"u=*\" as user");
	ASSERT_EQ(findings.size(), 1u);
	EXPECT_EQ(findings[0].span.column, 1u);
	EXPECT_EQ(findings[0].subject, "user");
}

TEST(FieldOrder, AggregateKeysAndResults) {
	// `| where _count > 1 | count by host`: _count is created by the count at column 22.
	auto findings = FindingsOf("| where _count > 1 | count by host");
	ASSERT_EQ(findings.size(), 1u);
	EXPECT_EQ(findings[0].span.column, 9u);
	EXPECT_EQ(findings[0].related->column, 22u);

	// Group-by keys are kept, not created, by the aggregation.
	EXPECT_TRUE(FindingsOf("| fields host | count by host").empty());
}

TEST(FieldOrder, DetectionHasNoFinding) {
	EXPECT_TRUE(FindingsOf("| parse regex field=ip \"^(?<oct1>\\\\d+)\\\\.\" | num(oct1) as o1 | where o1 > 3").empty());
}

} // namespace
} // namespace sumoql
