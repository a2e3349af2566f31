// Expression kernels over chunks: selections, conjunctions, null handling and allocation.

#include "engine/execution/schema.hpp"
#include "engine/expressions/expression_binder.hpp"
#include "engine/expressions/regex_syntax.hpp"
#include "engine/expressions/wildcard_pattern.hpp"
#include "grammar/parser.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sumoql {
namespace {

TEST(WildcardPattern, AnchoredAtBothEnds) {
	EXPECT_TRUE(WildcardPattern("10.*").Matches("10.1.2.3"));
	EXPECT_FALSE(WildcardPattern("10.*").Matches("100.64.0.1"));
	EXPECT_FALSE(WildcardPattern("10.*").Matches("10"));
	EXPECT_TRUE(WildcardPattern("200").Matches("200"));
	EXPECT_FALSE(WildcardPattern("200").Matches("2000"));
}

TEST(WildcardPattern, BackslashIsLiteral) {
	WildcardPattern pattern("*\\svchost.exe");
	EXPECT_TRUE(pattern.Matches("C:\\Windows\\System32\\svchost.exe"));
	EXPECT_FALSE(pattern.Matches("C:\\Windows\\System32\\SVCHOST.EXE"));
	EXPECT_FALSE(pattern.Matches("svchost.exe"));
}

TEST(WildcardPattern, IgnoresAsciiCase) {
	WildcardPattern pattern("*Windows*SYSMON*", WildcardPattern::Case::kIgnoreAscii);
	EXPECT_TRUE(pattern.Matches("prod/windows/sysmon"));
	EXPECT_TRUE(pattern.Matches("PROD/WINDOWS/SYSMON"));
	EXPECT_FALSE(pattern.Matches("prod/sysmon/windows"));
	EXPECT_TRUE(WildcardPattern("abc", WildcardPattern::Case::kIgnoreAscii).Matches("aBC"));
	EXPECT_FALSE(WildcardPattern("abc", WildcardPattern::Case::kIgnoreAscii).Matches("aBCd"));
}

TEST(WildcardPattern, IgnoresCaseInLongText) {
	// A text longer than the stack buffer for lowering takes the allocating path.
	std::string text = std::string(300, 'x') + "SYSMON" + std::string(300, 'y');
	EXPECT_TRUE(WildcardPattern("x*sysmon*y", WildcardPattern::Case::kIgnoreAscii).Matches(text));
	EXPECT_FALSE(WildcardPattern("x*sysmon*x", WildcardPattern::Case::kIgnoreAscii).Matches(text));
}

TEST(WildcardPattern, SeveralStars) {
	WildcardPattern pattern("*Windows NT*");
	EXPECT_TRUE(pattern.Matches("Mozilla/5.0 (Windows NT 10.0)"));
	EXPECT_TRUE(WildcardPattern("a*b*c").Matches("abc"));
	EXPECT_TRUE(WildcardPattern("a*b*c").Matches("aXbYbZc"));
	EXPECT_FALSE(WildcardPattern("a*b*c").Matches("acb"));
	EXPECT_FALSE(WildcardPattern("ab*ba").Matches("aba"));
	EXPECT_TRUE(WildcardPattern("*").Matches(""));
}

TEST(RegexSyntax, TranslatesNamedGroups) {
	EXPECT_EQ(TranslateNamedGroups("^(?<oct1>\\d{1,3})\\."), "^(?P<oct1>\\d{1,3})\\.");
	EXPECT_EQ(TranslateNamedGroups("\\(?<x>"), "\\(?<x>");
	EXPECT_EQ(TranslateNamedGroups("(?<=a)"), "(?<=a)");
	EXPECT_TRUE(CompileSumoRegex("(?<a>x)(?<b>y)")->ok());
}

//! Binds `expression` over one string column `x` with the given values (nullopt is null) and
//! returns the rows `where` would keep.
std::vector<sel_t> SelectRows(const std::string &expression, const std::vector<std::optional<std::string>> &values) {
	Schema schema;
	ExecutionStats stats;
	ast::Query query = ParseQuery("| where " + expression);
	auto &where = std::get<ast::WhereOperator>(query.operators.front().node);
	ExpressionBinder binder(schema, stats, QueryClock {});
	auto bound = binder.Bind(*where.condition);

	DataChunk chunk(schema.size());
	idx_t slot = *schema.Find("x");
	chunk.columns[slot].SetType(LogicalType::kString);
	chunk.columns[slot].validity().SetAllInvalid();
	for (idx_t row = 0; row < values.size(); row++) {
		if (values[row]) {
			chunk.columns[slot].strings()[row] = *values[row];
			chunk.columns[slot].validity().SetValid(row);
		}
	}
	chunk.SetRowCount(values.size());

	SelectionVector kept;
	idx_t count = bound->Select(chunk, chunk.selection, chunk.count, kept);
	return std::vector<sel_t>(kept.data(), kept.data() + count);
}

TEST(Kernel, NotMatchesKeepsNull) {
	auto kept = SelectRows("!(x matches \"10.*\")", {"10.0.0.1", std::nullopt, "8.8.8.8"});
	EXPECT_EQ(kept, (std::vector<sel_t> {1, 2}));
}

TEST(Kernel, NotEqualDropsNull) {
	auto kept = SelectRows("x != \"a\"", {"a", std::nullopt, "b"});
	EXPECT_EQ(kept, (std::vector<sel_t> {2}));
}

TEST(Kernel, OrKeepsInputOrder) {
	auto kept = SelectRows("x = \"c\" OR x = \"a\"", {"a", "b", "c", "a"});
	EXPECT_EQ(kept, (std::vector<sel_t> {0, 2, 3}));
}

TEST(Kernel, AndNarrowsSelection) {
	auto kept = SelectRows("x >= 4096 AND x <= 49151", {"80", "4096", "49151", "49152", "abc"});
	EXPECT_EQ(kept, (std::vector<sel_t> {1, 2}));
}

TEST(Kernel, ConstantOnLeftIsMirrored) {
	auto kept = SelectRows("100 > x", {"12", "100", "250"});
	EXPECT_EQ(kept, (std::vector<sel_t> {0}));
}

TEST(Kernel, RegexMatchesAnywhere) {
	auto kept = SelectRows("x matches /svchost\\.exe$/", {"C:\\svchost.exe", "svchost.exe.bak"});
	EXPECT_EQ(kept, (std::vector<sel_t> {0}));
}

TEST(Kernel, InListUsesEquality) {
	auto kept = SelectRows("x in (\"404\", 500)", {"404", "500", "200", std::nullopt});
	EXPECT_EQ(kept, (std::vector<sel_t> {0, 1}));
}

TEST(Kernel, NotInDropsNull) {
	auto kept = SelectRows("x not in (\"404\")", {"404", "200", std::nullopt});
	EXPECT_EQ(kept, (std::vector<sel_t> {1}));
}

} // namespace
} // namespace sumoql
