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

	// The final `+` is at filled column 27 and written column 27: the two values shift by -4
	// and +4.
	SourceSpan plus;
	plus.offset = 26;
	plus.length = 1;
	const SourceSpan mapped_plus = filled.ToOriginal(plus, written);
	EXPECT_EQ(mapped_plus.offset, 26u);
	EXPECT_EQ(mapped_plus.column, 27u);

	// A span inside a filled value maps to the whole placeholder.
	SourceSpan inside;
	inside.offset = 18;
	inside.length = 1;
	const SourceSpan mapped_inside = filled.ToOriginal(inside, written);
	EXPECT_EQ(mapped_inside.offset, 20u);
	EXPECT_EQ(mapped_inside.length, 5u);

	// The first `+` is at filled offset 14 and written offset 18.
	SourceSpan first_plus;
	first_plus.offset = 14;
	first_plus.length = 1;
	EXPECT_EQ(filled.ToOriginal(first_plus, written).offset, 18u);

	// `a = 7 + 123456789` spans filled offsets 8 to 25 and the written `a = {{v}} + {{w}}`, 8 to 25.
	SourceSpan comparison;
	comparison.offset = 8;
	comparison.length = 17;
	const SourceSpan mapped_comparison = filled.ToOriginal(comparison, written);
	EXPECT_EQ(mapped_comparison.offset, 8u);
	EXPECT_EQ(mapped_comparison.length, 17u);

	// `a = 7` ends inside the shorter value: written `a = {{v}}` is 9 bytes.
	SourceSpan assignment;
	assignment.offset = 8;
	assignment.length = 5;
	EXPECT_EQ(filled.ToOriginal(assignment, written).length, 9u);
}

} // namespace
} // namespace sumoql
