// Unit tests of template parameters: which placeholders are found, what replaces an
// unfilled one, and how spans of the filled text map back to the written text.

#include "grammar/template_parameters.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace sumoql {
namespace {

const std::map<std::string, std::string> kNoValues;

TEST(TemplateParameters, BracesBecomeFieldNameOfSameLength) {
	const FilledQuery filled = FillTemplateParameters("account={{account}} | where x = \"{{ip}}\"", kNoValues);
	EXPECT_EQ(filled.text, "account=__account__ | where x = \"__ip__\"");
	ASSERT_EQ(filled.unfilled.size(), 2u);
	EXPECT_EQ(filled.unfilled[0].name, "account");
	EXPECT_EQ(filled.unfilled[0].text, "{{account}}");
	EXPECT_EQ(filled.unfilled[0].span.column, 9u);
	EXPECT_EQ(filled.unfilled[1].name, "ip");
	EXPECT_EQ(filled.unfilled[1].span.column, 34u);
}

TEST(TemplateParameters, DollarsAndBlanksInBraces) {
	const FilledQuery filled = FillTemplateParameters("$$logsrc {{ log src }}", kNoValues);
	EXPECT_EQ(filled.text, "__logsrc ___log_src___");
	ASSERT_EQ(filled.unfilled.size(), 2u);
	EXPECT_EQ(filled.unfilled[0].name, "logsrc");
	EXPECT_EQ(filled.unfilled[1].name, "log src");
}

TEST(TemplateParameters, ValuesAreFilledEverywhereButComments) {
	const std::map<std::string, std::string> values = {{"cat", "prod/web"}, {"user", "ann"}};
	const FilledQuery filled =
	    FillTemplateParameters("_sourceCategory={{cat}} // {{cat}}\n| where u matches \"$$user\"", values);
	EXPECT_EQ(filled.text, "_sourceCategory=prod/web // {{cat}}\n| where u matches \"ann\"");
	EXPECT_TRUE(filled.unfilled.empty());
}

TEST(TemplateParameters, AnglesOnlyWhereAValueIsExpected) {
	const FilledQuery scope = FillTemplateParameters("_sourceCategory=<PAN SOURCE> (<other>)", kNoValues);
	EXPECT_EQ(scope.text, "_sourceCategory=_PAN_SOURCE_ (_other_)");

	const FilledQuery option = FillTemplateParameters("* | json auto field=<myfield>", kNoValues);
	EXPECT_EQ(option.text, "* | json auto field=_myfield_");

	const FilledQuery aliases = FillTemplateParameters("* | json \"a\", \"b\" as <field1>, <field2>", kNoValues);
	EXPECT_EQ(aliases.text, "* | json \"a\", \"b\" as _field1_, _field2_");

	// After the first pipe a `<` compares, and inside a string it is text.
	const std::string comparison = "| where a <b> 1 | where bas <c> 2 | parse \"(?<user>\\w+)\" as x | kv \"<a>\"";
	EXPECT_EQ(FillTemplateParameters(comparison, kNoValues).text, comparison);
}

TEST(TemplateParameters, BracketPlaceholderOnlyAfterEquals) {
	EXPECT_EQ(FillTemplateParameters("_sourceCategory=[sourceCategoryName] | x", kNoValues).text,
	          "_sourceCategory=_sourceCategoryName_ | x");
	const std::string subquery = "a [subquery: b | compose c]";
	EXPECT_EQ(FillTemplateParameters(subquery, kNoValues).text, subquery);
}

TEST(TemplateParameters, SingleBracesOnlyAtScopeTermStart) {
	const FilledQuery filled = FillTemplateParameters("_sourceCategory=a/* {rule_name} | where x = \"{y}\"", kNoValues);
	EXPECT_EQ(filled.text, "_sourceCategory=a/* _rule_name_ | where x = \"{y}\"");
	ASSERT_EQ(filled.unfilled.size(), 1u);
	EXPECT_EQ(filled.unfilled[0].name, "rule_name");
}

TEST(TemplateParameters, WildcardPathIsNotAComment) {
	const FilledQuery filled = FillTemplateParameters("_sourceHost=/aws/rds/*pg id={{id}}", kNoValues);
	EXPECT_EQ(filled.text, "_sourceHost=/aws/rds/*pg id=__id__");
}

TEST(TemplateParameters, ParameterAloneOnLineBecomesBlank) {
	const FilledQuery filled = FillTemplateParameters("a\n  {{pre_filter}} // optional\n| count", kNoValues);
	EXPECT_EQ(filled.text, "a\n                 // optional\n| count");
	ASSERT_EQ(filled.unfilled.size(), 1u);
	EXPECT_EQ(filled.unfilled[0].span.line, 2u);
	EXPECT_EQ(filled.unfilled[0].span.column, 3u);
}

TEST(TemplateParameters, SpansMapBackAcrossLongerAndShorterValues) {
	const std::string written = "| where a = {{v}} + {{w}} +";
	const std::map<std::string, std::string> values = {{"v", "7"}, {"w", "123456789"}};
	const FilledQuery filled = FillTemplateParameters(written, values);
	ASSERT_EQ(filled.text, "| where a = 7 + 123456789 +");
	auto map = [&](std::uint32_t offset, std::uint32_t length) {
		SourceSpan span;
		span.offset = offset;
		span.length = length;
		return filled.ToOriginal(span, written);
	};

	// The final `+` is at filled column 27 and written column 27: the two values shift by -4
	// and +4.
	EXPECT_EQ(map(26, 1).offset, 26u);
	EXPECT_EQ(map(26, 1).column, 27u);

	// A span inside a filled value maps to the whole placeholder.
	EXPECT_EQ(map(18, 1).offset, 20u);
	EXPECT_EQ(map(18, 1).length, 5u);

	// The first `+` is at filled offset 14 and written offset 18.
	EXPECT_EQ(map(14, 1).offset, 18u);

	// `a = 7 + 123456789` spans filled offsets 8 to 25 and the written `a = {{v}} + {{w}}`, 8 to 25.
	EXPECT_EQ(map(8, 17).offset, 8u);
	EXPECT_EQ(map(8, 17).length, 17u);

	// `a = 7` ends inside the shorter value: written `a = {{v}}` is 9 bytes.
	EXPECT_EQ(map(8, 5).length, 9u);
}

} // namespace
} // namespace sumoql
