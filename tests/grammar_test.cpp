// Unit tests of the query grammar: lexical rules, scope, expressions, operators, the first
// target query, error messages with their positions, and diagnostic rendering.
//
// Expressions and scopes are compared as compact prefix strings, for example `(+ (* a b) 1)`.
// `(not* x)` is a NOT whose operand is an unparenthesised relational test.

#include "grammar/diagnostic.hpp"
#include "grammar/messages.hpp"
#include "grammar/parser.hpp"
#include "grammar/query.hpp"
#include "grammar/unsupported.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

std::string Render(const ast::Expression &expression);

struct ExpressionPrinter {
	std::string operator()(const ast::NumberLiteral &number) const {
		return fmt::format("{}", number.value);
	}
	std::string operator()(const ast::StringLiteral &string) const {
		return fmt::format("\"{}\"", string.value);
	}
	std::string operator()(const ast::BooleanLiteral &boolean) const {
		return boolean.value ? "true" : "false";
	}
	std::string operator()(const ast::NullLiteral &) const {
		return "null";
	}
	std::string operator()(const ast::FieldReference &field) const {
		return field.name;
	}
	std::string operator()(const ast::UnaryExpression &unary) const {
		if (unary.op == ast::UnaryOperator::kNegate) {
			return fmt::format("(neg {})", Render(*unary.operand));
		}
		return fmt::format("({} {})", unary.unparenthesized_not ? "not*" : "not", Render(*unary.operand));
	}
	std::string operator()(const ast::BinaryExpression &binary) const {
		return fmt::format("({} {} {})", ast::SpellingOf(binary.op), Render(*binary.left),
		                   Render(*binary.right));
	}
	std::string operator()(const ast::MatchesExpression &matches) const {
		const std::string pattern = matches.regex ? fmt::format("/{}/", *matches.regex)
		                                          : Render(*matches.pattern);
		return fmt::format("(matches {} {})", Render(*matches.subject), pattern);
	}
	std::string operator()(const ast::InExpression &in) const {
		std::string text = fmt::format("({} {}", in.negated ? "not-in" : "in", Render(*in.subject));
		for (const auto &item : in.items) {
			text += ' ';
			text += Render(*item);
		}
		return text + ')';
	}
	std::string operator()(const ast::FunctionCall &call) const {
		std::string text = "(call " + call.name;
		for (std::size_t index = 0; index < call.arguments.size(); ++index) {
			text += ' ';
			const auto &regex = call.regex_arguments.at(index);
			text += regex ? fmt::format("/{}/", *regex) : Render(*call.arguments[index]);
		}
		return text + ')';
	}
	std::string operator()(const ast::ConditionalExpression &conditional) const {
		return fmt::format("(? {} {} {})", Render(*conditional.condition),
		                   Render(*conditional.then_value), Render(*conditional.else_value));
	}
};

std::string Render(const ast::Expression &expression) {
	return std::visit(ExpressionPrinter {}, expression.node);
}

std::string RenderScope(const ast::ScopeNode &scope);

struct ScopePrinter {
	std::string operator()(const ast::ScopeKeyword &keyword) const {
		return "kw:" + keyword.text;
	}
	std::string operator()(const ast::ScopePhrase &phrase) const {
		return fmt::format("phrase:\"{}\"", phrase.text);
	}
	std::string operator()(const ast::ScopeFieldTerm &term) const {
		return term.quoted ? fmt::format("{}=\"{}\"", term.field, term.value)
		                   : fmt::format("{}={}", term.field, term.value);
	}
	std::string operator()(const ast::ScopeAnd &conjunction) const {
		return Join("and", conjunction.terms);
	}
	std::string operator()(const ast::ScopeOr &disjunction) const {
		return Join("or", disjunction.terms);
	}
	std::string operator()(const ast::ScopeNot &negation) const {
		return fmt::format("(not {})", RenderScope(*negation.term));
	}

	static std::string Join(std::string_view head, const std::vector<ast::ScopeNodePtr> &terms) {
		std::string text = fmt::format("({}", head);
		for (const auto &term : terms) {
			text += ' ';
			text += RenderScope(*term);
		}
		return text + ')';
	}
};

std::string RenderScope(const ast::ScopeNode &scope) {
	return std::visit(ScopePrinter {}, scope.node);
}

//! Renders the condition of the single `where` in `| where <condition_text>`.
std::string RenderWhere(const std::string &condition_text) {
	const ast::Query query = ParseQuery("| where " + condition_text);
	if (query.operators.size() != 1) {
		return "<" + std::to_string(query.operators.size()) + " operators>";
	}
	const auto *where = std::get_if<ast::WhereOperator>(&query.operators[0].node);
	return where ? Render(*where->condition) : "<not a where>";
}

//! Returns the value of the single stage `| <value_text> as x`.
std::string RenderValue(const std::string &value_text) {
	const ast::Query query = ParseQuery("| " + value_text + " as x");
	return Render(*std::get<ast::AssignOperator>(query.operators.at(0).node).value);
}

const ast::StringLiteral &StringValueOf(const ast::Query &query) {
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
	return std::get<ast::StringLiteral>(assign.value->node);
}

double NumberValueOf(const std::string &number_text) {
	const ast::Query query = ParseQuery("| " + number_text + " as x");
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
	return std::get<ast::NumberLiteral>(assign.value->node).value;
}

//! Parses a query that must fail, or that must use one construct sumoql cannot run, and returns
//! its diagnostic.
Diagnostic ErrorOf(std::string_view query_text) {
	try {
		const std::vector<Diagnostic> unsupported = DescribeUnsupported(ParseQuery(query_text));
		if (!unsupported.empty()) {
			EXPECT_EQ(unsupported.size(), 1u) << query_text;
			return unsupported.front();
		}
	} catch (const QueryError &error) {
		EXPECT_EQ(error.diagnostics().size(), 1u) << query_text;
		return error.diagnostics().front();
	}
	ADD_FAILURE() << "expected a QueryError for: " << query_text;
	return {};
}

std::string RenderScopeOf(const std::string &query_text) {
	const ast::Query query = ParseQuery(query_text);
	return query.scope ? RenderScope(*query.scope) : "<no scope>";
}

// ---------------------------------------------------------------------------------------------
// The first target query
// ---------------------------------------------------------------------------------------------

constexpr std::string_view kTargetQuery =
    R"sumo(_sourceCategory=*windows*sysmon* OR _sourceCategory=*endpoint*network*
| where EventID = "3" OR EventCode = "3" OR metadata_deviceEventId = "sysmon:3"
| parse field=DestinationIp "^(?<oct1>\d{1,3})\.(?<oct2>\d{1,3})\.(?<oct3>\d{1,3})\." nodrop
// Exclude private and loopback ranges
| where !DestinationIp matches "10.*"
| where !DestinationIp matches "172.16.*" AND !DestinationIp matches "172.17.*"
| where !DestinationIp matches "172.18.*" AND !DestinationIp matches "172.19.*"
| where !DestinationIp matches "172.20.*" AND !DestinationIp matches "172.21.*"
| where !DestinationIp matches "172.22.*" AND !DestinationIp matches "172.23.*"
| where !DestinationIp matches "172.24.*" AND !DestinationIp matches "172.25.*"
| where !DestinationIp matches "172.26.*" AND !DestinationIp matches "172.27.*"
| where !DestinationIp matches "172.28.*" AND !DestinationIp matches "172.29.*"
| where !DestinationIp matches "172.30.*" AND !DestinationIp matches "172.31.*"
| where !DestinationIp matches "192.168.*"
| where !DestinationIp matches "127.*"
| where !DestinationIp matches "169.254.*"
// Port range filter
| num(DestinationPort) as dst_port
| where dst_port >= 4096 AND dst_port <= 49151
| where dst_port != 8080 AND dst_port != 8443 AND dst_port != 8000
AND dst_port != 8888 AND dst_port != 9090 AND dst_port != 9200
AND dst_port != 9300 AND dst_port != 9418 AND dst_port != 27017
AND dst_port != 27018 AND dst_port != 28017
// Parse octet values
| num(oct1) as o1
| num(oct2) as o2
| num(oct3) as o3
| where !isNull(o1) AND !isNull(o2) AND !isNull(o3)
// Compute formulas
| eval calc_apt12 = (o1 * o2) + o3
| eval calc_variant = o1 * (o2 + o3)
// Match detection
| where dst_port = calc_apt12 OR dst_port = calc_variant
| eval matched_formula = if(dst_port = calc_apt12 AND dst_port = calc_variant, "Both formulas",
if(dst_port = calc_apt12, "APT12: (oct1*oct2)+oct3", "Variant: oct1*(oct2+oct3)"))
// Exclude noisy system processes
| where !Image matches "*\\svchost.exe"
AND !Image matches "*\\lsass.exe"
AND !Image matches "*\\services.exe"
| fields _messageTime, Computer, User, Image, CommandLine, DestinationHostname,
DestinationIp, dst_port, o1, o2, o3, calc_apt12, calc_variant, matched_formula
| sort by _messageTime desc
)sumo";

std::string RenderWhereAt(const ast::Query &query, std::size_t index) {
	return Render(*std::get<ast::WhereOperator>(query.operators.at(index).node).condition);
}

TEST(TargetQuery, ScopeIsOrOfTwoFieldTerms) {
	const ast::Query query = ParseQuery(kTargetQuery);
	ASSERT_NE(query.scope, nullptr);
	EXPECT_EQ(RenderScope(*query.scope),
	          "(or _sourceCategory=*windows*sysmon* _sourceCategory=*endpoint*network*)");
}

TEST(TargetQuery, OperatorKinds) {
	const ast::Query query = ParseQuery(kTargetQuery);
	// where, parse, 12 where, num, 2 where, 3 num, where, 2 eval, where, eval, where, fields, sort
	ASSERT_EQ(query.operators.size(), 28u);

	EXPECT_TRUE(std::holds_alternative<ast::WhereOperator>(query.operators[0].node));
	EXPECT_TRUE(std::holds_alternative<ast::ParseRegexOperator>(query.operators[1].node));
	EXPECT_TRUE(std::holds_alternative<ast::AssignOperator>(query.operators[14].node));
	EXPECT_TRUE(std::holds_alternative<ast::FieldsOperator>(query.operators[26].node));
	EXPECT_TRUE(std::holds_alternative<ast::SortOperator>(query.operators[27].node));
}

TEST(TargetQuery, FirstWhere) {
	const ast::Query query = ParseQuery(kTargetQuery);
	EXPECT_EQ(RenderWhereAt(query, 0),
	          "(or (or (= EventID \"3\") (= EventCode \"3\")) (= metadata_deviceEventId \"sysmon:3\"))");
}

TEST(TargetQuery, ParseIsPromotedToRegex) {
	const ast::Query query = ParseQuery(kTargetQuery);
	const auto &parse = std::get<ast::ParseRegexOperator>(query.operators.at(1).node);

	EXPECT_TRUE(parse.promoted_from_anchor);
	EXPECT_TRUE(parse.nodrop);
	EXPECT_FALSE(parse.multi);
	EXPECT_EQ(parse.field, std::optional<std::string>("DestinationIp"));
	ASSERT_EQ(parse.patterns.size(), 1u);
	EXPECT_EQ(parse.patterns[0], R"(^(?<oct1>\d{1,3})\.(?<oct2>\d{1,3})\.(?<oct3>\d{1,3})\.)");
	ASSERT_EQ(parse.pattern_spans.size(), 1u);
	EXPECT_EQ(parse.pattern_spans[0].line, 3u);
	EXPECT_EQ(parse.pattern_spans[0].column, 29u);
}

TEST(TargetQuery, NegatedMatches) {
	const ast::Query query = ParseQuery(kTargetQuery);
	EXPECT_EQ(RenderWhereAt(query, 2), "(not* (matches DestinationIp \"10.*\"))");
	EXPECT_EQ(RenderWhereAt(query, 3),
	          "(and (not* (matches DestinationIp \"172.16.*\")) (not* (matches DestinationIp \"172.17.*\")))");
}

TEST(TargetQuery, CastWithAlias) {
	const ast::Query query = ParseQuery(kTargetQuery);
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(14).node);
	EXPECT_EQ(Render(*assign.value), "(call num DestinationPort)");
	EXPECT_EQ(assign.target, "dst_port");
	EXPECT_FALSE(assign.from_eval);
}

TEST(TargetQuery, WhereContinuesOverLines) {
	const ast::Query query = ParseQuery(kTargetQuery);
	EXPECT_EQ(RenderWhereAt(query, 16),
	          "(and (and (and (and (and (and (and (and (and (and (!= dst_port 8080) (!= dst_port 8443)) "
	          "(!= dst_port 8000)) (!= dst_port 8888)) (!= dst_port 9090)) (!= dst_port 9200)) "
	          "(!= dst_port 9300)) (!= dst_port 9418)) (!= dst_port 27017)) (!= dst_port 27018)) "
	          "(!= dst_port 28017))");
}

TEST(TargetQuery, NotOfCallIsPlain) {
	const ast::Query query = ParseQuery(kTargetQuery);
	EXPECT_EQ(RenderWhereAt(query, 20),
	          "(and (and (not (call isNull o1)) (not (call isNull o2))) (not (call isNull o3)))");
}

TEST(TargetQuery, EvalAssignments) {
	const ast::Query query = ParseQuery(kTargetQuery);

	const auto &first = std::get<ast::AssignOperator>(query.operators.at(21).node);
	EXPECT_TRUE(first.from_eval);
	EXPECT_EQ(first.target, "calc_apt12");
	EXPECT_EQ(Render(*first.value), "(+ (* o1 o2) o3)");

	const auto &second = std::get<ast::AssignOperator>(query.operators.at(22).node);
	EXPECT_EQ(second.target, "calc_variant");
	EXPECT_EQ(Render(*second.value), "(* o1 (+ o2 o3))");

	const auto &third = std::get<ast::AssignOperator>(query.operators.at(24).node);
	EXPECT_EQ(third.target, "matched_formula");
	EXPECT_EQ(Render(*third.value),
	          "(call if (and (= dst_port calc_apt12) (= dst_port calc_variant)) \"Both formulas\" "
	          "(call if (= dst_port calc_apt12) \"APT12: (oct1*oct2)+oct3\" \"Variant: oct1*(oct2+oct3)\"))");
}

TEST(TargetQuery, BackslashPatterns) {
	const ast::Query query = ParseQuery(kTargetQuery);
	EXPECT_EQ(RenderWhereAt(query, 25),
	          "(and (and (not* (matches Image \"*\\svchost.exe\")) (not* (matches Image \"*\\lsass.exe\"))) "
	          "(not* (matches Image \"*\\services.exe\")))");
}

TEST(TargetQuery, FieldsOverTwoLines) {
	const ast::Query query = ParseQuery(kTargetQuery);
	const auto &fields = std::get<ast::FieldsOperator>(query.operators.at(26).node);
	const std::vector<std::string> expected = {
	    "_messageTime", "Computer", "User", "Image", "CommandLine", "DestinationHostname", "DestinationIp",
	    "dst_port", "o1", "o2", "o3", "calc_apt12", "calc_variant", "matched_formula"};
	EXPECT_FALSE(fields.exclude);
	EXPECT_EQ(fields.names, expected);
	EXPECT_EQ(fields.name_spans.at(6).line, 41u);
	EXPECT_EQ(fields.name_spans.at(6).column, 1u);
}

TEST(TargetQuery, SortDescending) {
	const ast::Query query = ParseQuery(kTargetQuery);
	const auto &sort = std::get<ast::SortOperator>(query.operators.at(27).node);
	ASSERT_EQ(sort.keys.size(), 1u);
	EXPECT_EQ(sort.keys[0].field, "_messageTime");
	EXPECT_TRUE(sort.keys[0].descending);
}

struct ExpectedExtension {
	ast::ExtensionKind kind;
	std::uint32_t line;
	std::uint32_t column;
};

TEST(TargetQuery, ExtensionPositions) {
	using ast::ExtensionKind;
	constexpr auto kNot = ExtensionKind::kUnparenthesizedNot;
	// Counted by hand from the query text: `| where !` puts the first `!` at column 9, and on the
	// lines with two tests the second `!` follows `!DestinationIp matches "172.1x.*" AND `.
	std::vector<ExpectedExtension> expected = {{ExtensionKind::kAnchorParsePromotedToRegex, 3, 3}, {kNot, 5, 9}};
	for (std::uint32_t line = 6; line <= 13; ++line) {
		expected.push_back({kNot, line, 9});
		expected.push_back({kNot, line, 47});
	}
	expected.push_back({kNot, 14, 9});
	expected.push_back({kNot, 15, 9});
	expected.push_back({kNot, 16, 9});
	expected.push_back({ExtensionKind::kEvalOperator, 30, 3});
	expected.push_back({ExtensionKind::kEvalOperator, 31, 3});
	expected.push_back({ExtensionKind::kEvalOperator, 34, 3});
	expected.push_back({kNot, 37, 9});
	expected.push_back({kNot, 38, 5});
	expected.push_back({kNot, 39, 5});

	const ast::Query query = ParseQuery(kTargetQuery);
	ASSERT_EQ(query.extensions.size(), expected.size());
	for (std::size_t index = 0; index < expected.size(); ++index) {
		const ast::ExtensionUse &use = query.extensions[index];
		EXPECT_EQ(use.kind, expected[index].kind) << "extension " << index;
		EXPECT_EQ(use.span.line, expected[index].line) << "extension " << index;
		EXPECT_EQ(use.span.column, expected[index].column) << "extension " << index;
	}
}

TEST(Extensions, SymbolicLogicalOperators) {
	// Columns counted by hand: `| where a = 1 && b = 2` puts `&&` at column 15, and on line 2
	// `  || c = 3` puts `||` at column 3.
	const ast::Query query = ParseQuery("| where a = 1 && b = 2\n  || c = 3");
	ASSERT_EQ(query.extensions.size(), 2u);
	EXPECT_EQ(query.extensions[0].kind, ast::ExtensionKind::kSymbolicLogicalOperator);
	EXPECT_EQ(query.extensions[0].span.line, 1u);
	EXPECT_EQ(query.extensions[0].span.column, 15u);
	EXPECT_EQ(query.extensions[0].span.length, 2u);
	EXPECT_EQ(query.extensions[1].kind, ast::ExtensionKind::kSymbolicLogicalOperator);
	EXPECT_EQ(query.extensions[1].span.line, 2u);
	EXPECT_EQ(query.extensions[1].span.column, 3u);
}

TEST(Extensions, WordLogicalOperatorsAreNotExtensions) {
	const ast::Query query = ParseQuery("| where a = 1 and b = 2 or c = 3");
	EXPECT_TRUE(query.extensions.empty());
}

TEST(TargetQuery, ExtensionSpanLengths) {
	const ast::Query query = ParseQuery(kTargetQuery);
	EXPECT_EQ(query.extensions.at(0).span.length, 5u);  // parse
	EXPECT_EQ(query.extensions.at(1).span.length, 1u);  // !
	EXPECT_EQ(query.extensions.at(22).span.length, 4u); // eval
}

// ---------------------------------------------------------------------------------------------
// Lexical structure
// ---------------------------------------------------------------------------------------------

struct StringCase {
	std::string literal;
	std::string value;
};

TEST(Lexical, StringEscapes) {
	const std::vector<StringCase> cases = {
	    {R"("a\"b")", "a\"b"},
	    {R"("*\\svchost.exe")", R"(*\svchost.exe)"},
	    {R"("\d{1,3}\.")", R"(\d{1,3}\.)"},
	    {R"("a\nb")", "a\nb"},
	    {R"("a\tb")", "a\tb"},
	    {R"("a\rb")", "a\rb"},
	    {R"("a\\\\b")", R"(a\\b)"},
	    {R"("\/x")", R"(\/x)"},
	    {R"("To: *\n")", "To: *\n"},
	    {R"("")", ""},
	    {R"("a | where b")", "a | where b"},
	    {R"("// not a comment")", "// not a comment"},
	    {R"("/* nor this */")", "/* nor this */"},
	    {"\"two\nlines\"", "two\nlines"},
	};
	for (const StringCase &test_case : cases) {
		const ast::Query query = ParseQuery("| " + test_case.literal + " as x");
		EXPECT_EQ(StringValueOf(query).value, test_case.value) << test_case.literal;
	}
}

TEST(Lexical, StringRawTextKeepsEscapes) {
	const ast::Query query = ParseQuery(R"(| "a\"b\\c" as x)");
	EXPECT_EQ(StringValueOf(query).raw_text, R"(a\"b\\c)");
}

struct NumberCase {
	std::string text;
	double value;
};

TEST(Lexical, NumberSuffixes) {
	const std::vector<NumberCase> cases = {
	    {"42", 42},
	    {"0.5", 0.5},
	    {"007", 7},
	    {"3.14e+4", 31400},
	    {"2e3", 2000},
	    {"5e-1", 0.5},
	    {"2k", 2000},
	    {"2K", 2000},
	    {"1M", 1e6},
	    {"1G", 1e9},
	    {"1B", 1e9},
	    {"1T", 1e12},
	    {"1P", 1e15},
	    {"1Ki", 1024},
	    {"2Mi", 2097152},
	    {"1Gi", 1073741824},
	    {"1Ti", 1099511627776},
	    {"1Pi", 1125899906842624},
	    {"1ns", 1e-6},
	    {"1us", 1e-3},
	    {"10ms", 10},
	    {"1.5s", 1500},
	    {"5m", 300000},
	    {"1m", 60000},
	    {"2h", 7200000},
	    {"1d", 86400000},
	    {"1w", 604800000},
	};
	for (const NumberCase &test_case : cases) {
		EXPECT_DOUBLE_EQ(NumberValueOf(test_case.text), test_case.value) << test_case.text;
	}
}

TEST(Lexical, NumberOutOfRange) {
	EXPECT_EQ(NumberValueOf("1e999"), std::numeric_limits<double>::infinity());
	EXPECT_EQ(NumberValueOf("1e-999"), 0.0);
}

TEST(Lexical, NumberKeepsText) {
	const ast::Query query = ParseQuery("| 1.5s as x");
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
	EXPECT_EQ(std::get<ast::NumberLiteral>(assign.value->node).text, "1.5s");
}

TEST(Lexical, DateLikeTextIsArithmetic) {
	EXPECT_EQ(RenderValue("2015-03-15"), "(- (- 2015 3) 15)");
}

TEST(Lexical, NumberRunningIntoNameIsRejected) {
	EXPECT_THROW(ParseQuery("| where x > 5min"), QueryError);
}

TEST(Lexical, BooleansAndNull) {
	EXPECT_EQ(RenderWhere("a = true"), "(= a true)");
	EXPECT_EQ(RenderWhere("a = FALSE"), "(= a false)");
	EXPECT_EQ(RenderWhere("a = null"), "(= a null)");
	EXPECT_EQ(RenderWhere("!false"), "(not false)");
	EXPECT_EQ(RenderWhere("trueish"), "trueish");
}

struct FieldCase {
	std::string text;
	std::string name;
};

TEST(Lexical, FieldNames) {
	const std::vector<FieldCase> cases = {
	    {"_messageTime", "_messageTime"},
	    {"a.b.c", "a.b.c"},
	    {"field_2", "field_2"},
	    {R"(%"odd name")", "odd name"},
	    {R"(%"say \"hi\"")", "say \"hi\""},
	    {"%users[2].address.street", "users[2].address.street"},
	};
	for (const FieldCase &test_case : cases) {
		EXPECT_EQ(RenderWhere(test_case.text + " = 1"), "(= " + test_case.name + " 1)") << test_case.text;
	}
}

TEST(Lexical, KeywordsIgnoreCase) {
	EXPECT_EQ(RenderWhere("a AND b"), "(and a b)");
	EXPECT_EQ(RenderWhere("a and b"), "(and a b)");
	EXPECT_EQ(RenderWhere("a Or b"), "(or a b)");
	EXPECT_EQ(RenderWhere("NOT a"), "(not a)");
	EXPECT_EQ(RenderWhere("x MATCHES \"a*\""), "(matches x \"a*\")");
	EXPECT_EQ(RenderWhere("x IN (1)"), "(in x 1)");
	EXPECT_EQ(RenderWhere("x Not In (1)"), "(not-in x 1)");
	EXPECT_EQ(RenderWhere("x CONTAINS \"a\""), "(call contains x \"a\")");

	EXPECT_TRUE(std::holds_alternative<ast::WhereOperator>(ParseQuery("| WHERE a").operators.at(0).node));
	EXPECT_TRUE(std::holds_alternative<ast::ParseAnchorOperator>(
	    ParseQuery("| Parse \"a=*\" AS a NODROP").operators.at(0).node));
	EXPECT_TRUE(std::holds_alternative<ast::ParseRegexOperator>(
	    ParseQuery("| PARSE REGEX FIELD=x \"(?<a>.)\"").operators.at(0).node));
	EXPECT_TRUE(std::holds_alternative<ast::FieldsOperator>(ParseQuery("| FIELDS a").operators.at(0).node));
	EXPECT_TRUE(std::holds_alternative<ast::SortOperator>(ParseQuery("| ORDER BY a ASC").operators.at(0).node));
	EXPECT_TRUE(std::holds_alternative<ast::AssignOperator>(ParseQuery("| Eval a = 1").operators.at(0).node));
	EXPECT_TRUE(std::holds_alternative<ast::AssignOperator>(ParseQuery("| NUM(a)").operators.at(0).node));
}

TEST(Lexical, PipeWithoutSpace) {
	const ast::Query query = ParseQuery("error|where a|sort b");
	ASSERT_EQ(query.operators.size(), 2u);
	EXPECT_TRUE(std::holds_alternative<ast::WhereOperator>(query.operators[0].node));
	EXPECT_TRUE(std::holds_alternative<ast::SortOperator>(query.operators[1].node));
}

TEST(Lexical, LineCommentHidesPipe) {
	const ast::Query query = ParseQuery("| where a // | where b\n| sort c");
	ASSERT_EQ(query.operators.size(), 2u);
	EXPECT_EQ(RenderWhereAt(query, 0), "a");
}

TEST(Lexical, CommentedOutStage) {
	const ast::Query query = ParseQuery("error\n//| count by level\n| where a");
	EXPECT_EQ(query.operators.size(), 1u);
}

TEST(Lexical, BlockCommentBetweenTokens) {
	EXPECT_EQ(RenderWhere("a /* | where b */ = /* multi\nline */ 1"), "(= a 1)");
}

TEST(Lexical, BlockCommentDoesNotNest) {
	EXPECT_THROW(ParseQuery("| where a /* x /* y */ z */"), QueryError);
}

TEST(Lexical, TrailingCommentAfterExpression) {
	const ast::Query query = ParseQuery("| 52 * 6 - 2 as noparen // 310, not 208");
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
	EXPECT_EQ(Render(*assign.value), "(- (* 52 6) 2)");
	EXPECT_EQ(assign.target, "noparen");
}

TEST(Lexical, PipeInsideRegex) {
	EXPECT_EQ(RenderWhere("x matches /a|b/"), "(matches x /a|b/)");
}

TEST(Lexical, EscapedSlashInRegex) {
	EXPECT_EQ(RenderWhere(R"(x matches /(flight)\/([0-9]{5,})/)"), R"((matches x /(flight)\/([0-9]{5,})/))");
}

TEST(Lexical, ByteOrderMarkIsSkipped) {
	const ast::Query query = ParseQuery("\xEF\xBB\xBF" "error | where a");
	EXPECT_EQ(RenderScope(*query.scope), "kw:error");
}

TEST(Lexical, CrlfLineEndings) {
	const ast::Query query = ParseQuery("error\r\n| where a\r\n| eval b = 1\r\n");
	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].span.line, 3u);
	EXPECT_EQ(query.extensions[0].span.column, 3u);
}

// ---------------------------------------------------------------------------------------------
// Scope
// ---------------------------------------------------------------------------------------------

struct ScopeCase {
	std::string text;
	std::string rendered;
};

TEST(Scope, Forms) {
	const std::vector<ScopeCase> cases = {
	    {"error", "kw:error"},
	    {"error fail*", "(and kw:error kw:fail*)"},
	    {"error AND fail", "(and kw:error kw:fail)"},
	    {"error and fail", "(and kw:error kw:fail)"},
	    {"a OR b", "(or kw:a kw:b)"},
	    {"a or b", "(or kw:a kw:b)"},
	    {"a OR b c", "(or kw:a (and kw:b kw:c))"},
	    {"(error OR fail) and debug", "(and (or kw:error kw:fail) kw:debug)"},
	    {"NOT a", "(not kw:a)"},
	    {"!a", "(not kw:a)"},
	    {"error NOT svchost", "(and kw:error (not kw:svchost))"},
	    {"NOT NOT a", "(not (not kw:a))"},
	    {"\"quoted phrase\"", "phrase:\"quoted phrase\""},
	    {"\"a \\\"b\\\"\"", "phrase:\"a \"b\"\""},
	    {"_sourceCategory=*apache*", "_sourceCategory=*apache*"},
	    {"_sourceCategory = apache", "_sourceCategory=apache"},
	    {"_sourceCategory=\"Security Logs\"", "_sourceCategory=\"Security Logs\""},
	    {"%\"my field\"=x", "my field=x"},
	    {"_sourceCategory=prod/*", "_sourceCategory=prod/*"},
	    {"_sourceName=http://example", "_sourceName=http:"},
	    {"15:39", "kw:15:39"},
	    {"jsmith@*.com", "kw:jsmith@*.com"},
	    {"*", "kw:*"},
	    {"a-b_c/d.e+f@g#h$i%j^k?l\\m", "kw:a-b_c/d.e+f@g#h$i%j^k?l\\m"},
	    {"android orange notice", "(and kw:android kw:orange kw:notice)"},
	    {"ошибка", "kw:ошибка"},
	    {"(error OR fail) _sourceCategory=*sysmon*", "(and (or kw:error kw:fail) _sourceCategory=*sysmon*)"},
	};
	for (const ScopeCase &test_case : cases) {
		EXPECT_EQ(RenderScopeOf(test_case.text), test_case.rendered) << test_case.text;
		EXPECT_EQ(RenderScopeOf(test_case.text + " | where x"), test_case.rendered) << test_case.text;
	}
}

TEST(Scope, QuotedFieldTermIsMarked) {
	const ast::Query query = ParseQuery("_sourceCategory=\"a b\"");
	const auto &term = std::get<ast::ScopeFieldTerm>(query.scope->node);
	EXPECT_TRUE(term.quoted);
	EXPECT_EQ(term.value, "a b");
}

TEST(Scope, AbsentWhenQueryStartsWithPipe) {
	EXPECT_EQ(ParseQuery("| where a").scope, nullptr);
	EXPECT_EQ(ParseQuery("  // comment\n| where a").scope, nullptr);
}

TEST(Scope, EmptyQuery) {
	const ast::Query query = ParseQuery("");
	EXPECT_EQ(query.scope, nullptr);
	EXPECT_TRUE(query.operators.empty());
}

TEST(Scope, Spans) {
	const ast::Query query = ParseQuery("error  _sourceCategory=x");
	const auto &conjunction = std::get<ast::ScopeAnd>(query.scope->node);
	ASSERT_EQ(conjunction.terms.size(), 2u);
	EXPECT_EQ(conjunction.terms[1]->span.column, 8u);
	EXPECT_EQ(conjunction.terms[1]->span.length, 17u);
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

struct ExpressionCase {
	std::string text;
	std::string rendered;
};

TEST(Expression, Precedence) {
	const std::vector<ExpressionCase> cases = {
	    {"52 * 6 - 2", "(- (* 52 6) 2)"},
	    {"52 * (6 - 2)", "(* 52 (- 6 2))"},
	    {"a / b / c", "(/ (/ a b) c)"},
	    {"a - b - c", "(- (- a b) c)"},
	    {"34 % 10 + 1", "(+ (% 34 10) 1)"},
	    {"-a * b", "(* (neg a) b)"},
	    {"a - -b", "(- a (neg b))"},
	    {"!a = b", "(not* (= a b))"},
	    {"!(a = b)", "(not (= a b))"},
	    {"NOT a = b", "(not* (= a b))"},
	    {"!a", "(not a)"},
	    {"!a AND b", "(and (not a) b)"},
	    {"!!a = b", "(not (not* (= a b)))"},
	    {"a OR b AND c", "(or a (and b c))"},
	    {"a AND b OR c", "(or (and a b) c)"},
	    {"a || b && c", "(or a (and b c))"},
	    {"(a OR b) AND c", "(and (or a b) c)"},
	    {"x + 1 > 2 AND y", "(and (> (+ x 1) 2) y)"},
	    {"a ? b : c", "(? a b c)"},
	    {"a < b ? a : b", "(? (< a b) a b)"},
	    {"a ? b : c ? d : e", "(? a b (? c d e))"},
	    {"a OR b ? c : d", "(? (or a b) c d)"},
	};
	for (const ExpressionCase &test_case : cases) {
		EXPECT_EQ(RenderWhere(test_case.text), test_case.rendered) << test_case.text;
	}
}

TEST(Expression, RelationalForms) {
	const std::vector<ExpressionCase> cases = {
	    {"a = b", "(= a b)"},
	    {"a == b", "(= a b)"},
	    {"a != b", "(!= a b)"},
	    {"a <> b", "(!= a b)"},
	    {"a < b", "(< a b)"},
	    {"a <= b", "(<= a b)"},
	    {"a > b", "(> a b)"},
	    {"a >= b", "(>= a b)"},
	    {"x matches \"10.*\"", "(matches x \"10.*\")"},
	    {R"(x matches /^10\./)", R"((matches x /^10\./))"},
	    {"x matches concat(\"*\", y, \"*\")", "(matches x (call concat \"*\" y \"*\"))"},
	    {"x in (\"a\", \"b\")", "(in x \"a\" \"b\")"},
	    {"x not in (1, 2)", "(not-in x 1 2)"},
	    {"x in (1,\n2)", "(in x 1 2)"},
	    {"a contains \"b\"", "(call contains a \"b\")"},
	    {"!a contains \"b\"", "(not* (call contains a \"b\"))"},
	    {"!x in (1)", "(not* (in x 1))"},
	    {"!x matches /a/", "(not* (matches x /a/))"},
	};
	for (const ExpressionCase &test_case : cases) {
		EXPECT_EQ(RenderWhere(test_case.text), test_case.rendered) << test_case.text;
	}
}

TEST(Expression, FunctionCalls) {
	const std::vector<ExpressionCase> cases = {
	    {"f()", "(call f)"},
	    {"isNull(x)", "(call isNull x)"},
	    {"if(a, 1, 0)", "(call if a 1 0)"},
	    {"if (a, \"x\",\n  if(b, \"y\", \"z\"))", "(call if a \"x\" (call if b \"y\" \"z\"))"},
	    {R"(replace(s, /a\/b/, "x"))", R"((call replace s /a\/b/ "x"))"},
	    {"toLowerCase(Image) matches \"*x\"", "(matches (call toLowerCase Image) \"*x\")"},
	};
	for (const ExpressionCase &test_case : cases) {
		EXPECT_EQ(RenderWhere(test_case.text), test_case.rendered) << test_case.text;
	}
}

TEST(Expression, RegexArgumentAlsoStoredAsString) {
	const ast::Query query = ParseQuery(R"(| replace(s, /\d+/, "n") as t)");
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
	const auto &call = std::get<ast::FunctionCall>(assign.value->node);
	ASSERT_EQ(call.arguments.size(), 3u);
	ASSERT_EQ(call.regex_arguments.size(), 3u);
	EXPECT_FALSE(call.regex_arguments[0].has_value());
	EXPECT_EQ(call.regex_arguments[1], std::optional<std::string>(R"(\d+)"));
	EXPECT_EQ(std::get<ast::StringLiteral>(call.arguments[1]->node).value, R"(\d+)");
}

TEST(Expression, DivisionIsNotRegex) {
	EXPECT_EQ(RenderWhere("a / b > 2 / c"), "(> (/ a b) (/ 2 c))");
}

TEST(Expression, ExtensionOnlyForUnparenthesizedRelational) {
	const ast::Query query =
	    ParseQuery("| where !a matches \"x\" AND !(b matches \"y\") AND !isNull(c) AND !d");
	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].kind, ast::ExtensionKind::kUnparenthesizedNot);
	EXPECT_EQ(query.extensions[0].span.column, 9u);
}

TEST(Expression, NotKeywordRecordsExtension) {
	const ast::Query query = ParseQuery("| where NOT a = 1");
	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].span.column, 9u);
	EXPECT_EQ(query.extensions[0].span.length, 3u);
}

TEST(Expression, Spans) {
	const ast::Query query = ParseQuery("| where a = 12 AND b");
	const auto &condition = *std::get<ast::WhereOperator>(query.operators.at(0).node).condition;
	EXPECT_EQ(condition.span.column, 9u);
	EXPECT_EQ(condition.span.length, 12u);

	const auto &conjunction = std::get<ast::BinaryExpression>(condition.node);
	EXPECT_EQ(conjunction.left->span.column, 9u);
	EXPECT_EQ(conjunction.left->span.length, 6u);
	EXPECT_EQ(conjunction.right->span.column, 20u);

	const auto &comparison = std::get<ast::BinaryExpression>(conjunction.left->node);
	EXPECT_EQ(comparison.right->span.column, 13u);
	EXPECT_EQ(comparison.right->span.length, 2u);
}

// ---------------------------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------------------------

TEST(Where, Condition) {
	EXPECT_EQ(RenderWhere("x >= 10 and x <= 20"), "(and (>= x 10) (<= x 20))");
}

TEST(Where, OperatorSpan) {
	const ast::Query query = ParseQuery("error | where a = 1 | sort b");
	EXPECT_EQ(query.operators.at(0).span.column, 9u);
	EXPECT_EQ(query.operators.at(0).span.length, 11u);
}

TEST(Parse, AnchorWithAliases) {
	const ast::Query query = ParseQuery("| parse \"user=*: role=*:\" as u, r nodrop");
	const auto &parse = std::get<ast::ParseAnchorOperator>(query.operators.at(0).node);
	EXPECT_EQ(parse.pattern, "user=*: role=*:");
	EXPECT_EQ(parse.aliases, (std::vector<std::string> {"u", "r"}));
	EXPECT_TRUE(parse.nodrop);
	EXPECT_FALSE(parse.field.has_value());
	EXPECT_EQ(parse.pattern_span.column, 9u);
	EXPECT_EQ(parse.pattern_span.length, 17u);
}

TEST(Parse, FieldOptionAndParenthesizedAliases) {
	const ast::Query query = ParseQuery("| parse field=email \"*@*\" as (name, dom)");
	const auto &parse = std::get<ast::ParseAnchorOperator>(query.operators.at(0).node);
	EXPECT_EQ(parse.field, std::optional<std::string>("email"));
	EXPECT_EQ(parse.aliases, (std::vector<std::string> {"name", "dom"}));
	EXPECT_FALSE(parse.nodrop);
}

TEST(Parse, QuotedAlias) {
	const ast::Query query = ParseQuery("| parse \"id=*\" as %\"Class ID\"");
	const auto &parse = std::get<ast::ParseAnchorOperator>(query.operators.at(0).node);
	EXPECT_EQ(parse.aliases, (std::vector<std::string> {"Class ID"}));
}

TEST(Parse, LineBreakAnchor) {
	const ast::Query query = ParseQuery(R"(| parse "To: *\n" as to)");
	const auto &parse = std::get<ast::ParseAnchorOperator>(query.operators.at(0).node);
	EXPECT_EQ(parse.pattern, "To: *\n");
}

TEST(Parse, RegexWithOptions) {
	const ast::Query query =
	    ParseQuery(R"q(| parse regex field=ip "(?<a>\d+)", "(?<b>x)" multi nodrop)q");
	const auto &parse = std::get<ast::ParseRegexOperator>(query.operators.at(0).node);
	EXPECT_EQ(parse.field, std::optional<std::string>("ip"));
	EXPECT_EQ(parse.patterns, (std::vector<std::string> {R"((?<a>\d+))", "(?<b>x)"}));
	EXPECT_EQ(parse.pattern_spans.size(), 2u);
	EXPECT_TRUE(parse.multi);
	EXPECT_TRUE(parse.nodrop);
	EXPECT_FALSE(parse.promoted_from_anchor);
}

TEST(Parse, ExtractIsRegex) {
	const ast::Query query = ParseQuery(R"q(| extract "(?<a>x)" nodrop)q");
	const auto &parse = std::get<ast::ParseRegexOperator>(query.operators.at(0).node);
	EXPECT_EQ(parse.patterns, (std::vector<std::string> {"(?<a>x)"}));
	EXPECT_TRUE(parse.nodrop);
	EXPECT_FALSE(parse.promoted_from_anchor);
	EXPECT_TRUE(query.extensions.empty());
}

TEST(Parse, PromotionRecordsExtension) {
	const ast::Query query = ParseQuery("error\n  | parse \"(?<a>x)\"");
	const auto &parse = std::get<ast::ParseRegexOperator>(query.operators.at(0).node);
	EXPECT_TRUE(parse.promoted_from_anchor);
	EXPECT_FALSE(parse.nodrop);
	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].kind, ast::ExtensionKind::kAnchorParsePromotedToRegex);
	EXPECT_EQ(query.extensions[0].span.line, 2u);
	EXPECT_EQ(query.extensions[0].span.column, 5u);
}

TEST(Parse, NoPromotionWithWildcard) {
	const Diagnostic diagnostic = ErrorOf(R"(| parse "(?<a>x)*" nodrop)");
	EXPECT_EQ(diagnostic.message, grammar::kMissingAliasList);
}

TEST(Assign, ExpressionStages) {
	const std::vector<ExpressionCase> cases = {
	    {"(o1 * o2) + o3", "(+ (* o1 o2) o3)"},
	    {"ip", "ip"},
	    {"3 + 2", "(+ 3 2)"},
	    {"if(a, 1, 0)", "(call if a 1 0)"},
	    {"a < b ? a : b", "(? (< a b) a b)"},
	    {"x matches \"a*\"", "(matches x \"a*\")"},
	    {"max(a, b)", "(call max a b)"},
	    {"%\"odd name\"", "odd name"},
	};
	for (const ExpressionCase &test_case : cases) {
		EXPECT_EQ(RenderValue(test_case.text), test_case.rendered) << test_case.text;
	}
}

TEST(Assign, TargetAndSpan) {
	const ast::Query query = ParseQuery("| ip_addr as src_ip");
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
	EXPECT_EQ(assign.target, "src_ip");
	EXPECT_EQ(assign.target_span.column, 14u);
	EXPECT_EQ(assign.target_span.length, 6u);
	EXPECT_FALSE(assign.from_eval);
}

TEST(Assign, BareCastsTargetTheirField) {
	for (const std::string name : {"num", "number", "double", "toLong", "toInt", "toString", "NUM", "round"}) {
		const ast::Query query = ParseQuery("| " + name + "(duration)");
		const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
		EXPECT_EQ(assign.target, "duration") << name;
		EXPECT_EQ(assign.target_span.column, 4u + name.size()) << name;
		EXPECT_EQ(Render(*assign.value), "(call " + name + " duration)") << name;
	}
}

TEST(Eval, SeveralPairs) {
	const ast::Query query = ParseQuery("| eval a = 1, b = a + 1");
	ASSERT_EQ(query.operators.size(), 2u);

	const auto &first = std::get<ast::AssignOperator>(query.operators[0].node);
	EXPECT_EQ(first.target, "a");
	EXPECT_EQ(Render(*first.value), "1");
	EXPECT_TRUE(first.from_eval);

	const auto &second = std::get<ast::AssignOperator>(query.operators[1].node);
	EXPECT_EQ(second.target, "b");
	EXPECT_EQ(Render(*second.value), "(+ a 1)");
	EXPECT_TRUE(second.from_eval);

	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].kind, ast::ExtensionKind::kEvalOperator);
	EXPECT_EQ(query.extensions[0].span.column, 3u);
}

TEST(Eval, ValueMayCompare) {
	const ast::Query query = ParseQuery("| eval same = a = b");
	const auto &assign = std::get<ast::AssignOperator>(query.operators.at(0).node);
	EXPECT_EQ(Render(*assign.value), "(= a b)");
}

TEST(Fields, Allowlist) {
	const ast::Query query = ParseQuery("| fields a, b");
	const auto &fields = std::get<ast::FieldsOperator>(query.operators.at(0).node);
	EXPECT_FALSE(fields.exclude);
	EXPECT_EQ(fields.names, (std::vector<std::string> {"a", "b"}));
	EXPECT_EQ(fields.name_spans.at(1).column, 13u);
}

TEST(Fields, Denylist) {
	const ast::Query query = ParseQuery("| fields - _count, %\"a b\"");
	const auto &fields = std::get<ast::FieldsOperator>(query.operators.at(0).node);
	EXPECT_TRUE(fields.exclude);
	EXPECT_EQ(fields.names, (std::vector<std::string> {"_count", "a b"}));
}

TEST(Fields, TrailingCommaContinuesOnNextLine) {
	const ast::Query query = ParseQuery("| fields a,\n  b\n| sort a");
	const auto &fields = std::get<ast::FieldsOperator>(query.operators.at(0).node);
	EXPECT_EQ(fields.names, (std::vector<std::string> {"a", "b"}));
}

struct SortCase {
	std::string text;
	std::vector<bool> descending;
};

TEST(Sort, Directions) {
	const std::vector<SortCase> cases = {
	    {"sort by x", {true}},
	    {"sort x", {true}},
	    {"sort by x desc", {true}},
	    {"sort by x asc", {false}},
	    {"sort + x", {false}},
	    {"sort +x", {false}},
	    {"sort -x", {true}},
	    {"order by x asc", {false}},
	    {"SORT BY x ASC", {false}},
	    {"sort by a asc, b", {false, true}},
	    {"sort by +a, -b, c desc, d asc", {false, true, true, false}},
	};
	for (const SortCase &test_case : cases) {
		const ast::Query query = ParseQuery("| " + test_case.text);
		const auto &sort = std::get<ast::SortOperator>(query.operators.at(0).node);
		std::vector<bool> descending;
		for (const ast::SortKey &key : sort.keys) {
			descending.push_back(key.descending);
		}
		EXPECT_EQ(descending, test_case.descending) << test_case.text;
	}
}

TEST(Sort, KeyField) {
	const ast::Query query = ParseQuery("| sort by + _timeslice");
	const auto &sort = std::get<ast::SortOperator>(query.operators.at(0).node);
	EXPECT_EQ(sort.keys.at(0).field, "_timeslice");
	EXPECT_EQ(sort.keys.at(0).span.column, 11u);
}

// ---------------------------------------------------------------------------------------------
// Aggregation and timeslice
// ---------------------------------------------------------------------------------------------

const ast::AggregateOperator &AggregateOf(const ast::Query &query) {
	return std::get<ast::AggregateOperator>(query.operators.at(0).node);
}

std::vector<std::string> KeyNames(const ast::AggregateOperator &aggregate) {
	std::vector<std::string> names;
	for (const auto &key : aggregate.keys) {
		names.push_back(key.name);
	}
	return names;
}

TEST(Aggregate, CountForms) {
	const ast::Query by = ParseQuery("| count by user, host");
	EXPECT_EQ(AggregateOf(by).calls.at(0).kind, ast::AggregateKind::kCount);
	EXPECT_EQ(KeyNames(AggregateOf(by)), (std::vector<std::string> {"user", "host"}));

	const ast::Query bare_keys = ParseQuery("| count _timeslice, ip");
	EXPECT_EQ(KeyNames(AggregateOf(bare_keys)), (std::vector<std::string> {"_timeslice", "ip"}));

	const ast::Query star = ParseQuery("| COUNT(*) as n group by user");
	EXPECT_TRUE(AggregateOf(star).calls.at(0).field.empty());
	EXPECT_EQ(AggregateOf(star).calls.at(0).alias, "n");
	EXPECT_EQ(KeyNames(AggregateOf(star)), (std::vector<std::string> {"user"}));

	const ast::Query field = ParseQuery("| count(port)");
	EXPECT_EQ(AggregateOf(field).calls.at(0).field, "port");
}

TEST(Aggregate, SeveralCallsAndAliases) {
	const ast::Query query = ParseQuery("| count(port) as c, avg(bytes), pct(ms, 50, 99.9) by src, dst");
	const auto &calls = AggregateOf(query).calls;
	ASSERT_EQ(calls.size(), 3u);
	EXPECT_EQ(calls[0].alias, "c");
	EXPECT_EQ(calls[1].kind, ast::AggregateKind::kAvg);
	EXPECT_FALSE(calls[1].alias.has_value());
	EXPECT_EQ(calls[2].percentile_texts, (std::vector<std::string> {"50", "99.9"}));
	EXPECT_EQ(KeyNames(AggregateOf(query)), (std::vector<std::string> {"src", "dst"}));
}

TEST(Aggregate, AliasAfterBy) {
	const ast::Query query = ParseQuery("| values(host) by user as hosts");
	EXPECT_EQ(AggregateOf(query).calls.at(0).alias, "hosts");
}

TEST(Aggregate, MedianIsFiftiethPercentile) {
	const ast::Query query = ParseQuery("| median(ms)");
	EXPECT_EQ(AggregateOf(query).calls.at(0).kind, ast::AggregateKind::kPercentile);
	EXPECT_EQ(AggregateOf(query).calls.at(0).percentiles, (std::vector<double> {50}));
}

TEST(Aggregate, TwoArgumentMaxIsMath) {
	const ast::Query query = ParseQuery("| max(a, b) as m");
	EXPECT_TRUE(std::holds_alternative<ast::AssignOperator>(query.operators.at(0).node));
}

TEST(Aggregate, CountFrequent) {
	const ast::Query query = ParseQuery("| count_frequent user, host");
	EXPECT_TRUE(AggregateOf(query).count_frequent);
	EXPECT_EQ(KeyNames(AggregateOf(query)), (std::vector<std::string> {"user", "host"}));
}

TEST(Timeslice, Forms) {
	const auto timeslice_of = [](const ast::Query &query) {
		return std::get<ast::TimesliceOperator>(query.operators.at(0).node);
	};
	EXPECT_EQ(timeslice_of(ParseQuery("| timeslice 5m")).width_ms, 300000.0);
	EXPECT_EQ(timeslice_of(ParseQuery("| timeslice by 1d")).width_ms, 86400000.0);
	EXPECT_EQ(timeslice_of(ParseQuery("| timeslice 100 buckets")).buckets, 100.0);
	EXPECT_EQ(timeslice_of(ParseQuery("| timeslice 1h as hour")).alias, "hour");
	EXPECT_FALSE(timeslice_of(ParseQuery("| timeslice")).width_ms.has_value());
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

struct ErrorCase {
	std::string query;
	std::uint32_t line;
	std::uint32_t column;
	std::string message;
};

void ExpectErrors(const std::vector<ErrorCase> &cases) {
	for (const ErrorCase &test_case : cases) {
		const Diagnostic diagnostic = ErrorOf(test_case.query);
		EXPECT_EQ(diagnostic.message, test_case.message) << test_case.query;
		EXPECT_EQ(diagnostic.span.line, test_case.line) << test_case.query;
		EXPECT_EQ(diagnostic.span.column, test_case.column) << test_case.query;
		EXPECT_EQ(diagnostic.severity, Severity::kError) << test_case.query;
	}
}

TEST(Errors, UnterminatedLiterals) {
	ExpectErrors({
	    {"| where x = \"abc", 1, 13, "expected a closing '\"' for the string started here"},
	    {"_sourceCategory=x\n| where a = \"b", 2, 13, "expected a closing '\"' for the string started here"},
	    {"\"never closed", 1, 1, "expected a closing '\"' for the string started here"},
	    {"| where x = \"a\\\"", 1, 13, "expected a closing '\"' for the string started here"},
	    {"| where x matches /abc", 1, 19, "expected a closing '/' for the regex started here"},
	    {"| where x matches /abc\n| where y", 1, 19, "expected a closing '/' for the regex started here"},
	    {"error /* open", 1, 7, "expected '*/' to close the comment started here"},
	});
}

TEST(Errors, OperatorNames) {
	ExpectErrors({
	    {"| foo bar", 1, 3, "unknown operator 'foo'"},
	    {"| foo", 1, 3, "unknown operator 'foo'"},
	    {"| where a\n|   frobnicate x, y", 2, 5, "unknown operator 'frobnicate'"},
	    {"| LOGREDUCE", 1, 3, "operator 'LOGREDUCE' is not supported: it needs Sumo Logic's LogReduce clustering service"},
	    {"| xml \"a\"", 1, 3, "operator 'xml' is not supported yet"},
	});
}

TEST(Errors, Aggregates) {
	ExpectErrors({
	    {"| sum()", 1, 6, "expected '(', a field name and ')' after the aggregate"},
	    {"| count by", 1, 11, "expected a field name after 'by'"},
	    {"| count by a,", 1, 14, "expected a field name after ','"},
	    {"| sum(a) b", 1, 10, "only a bare 'count' may be followed by fields without 'by'"},
	    {"| sum(a), sum(b) by g as s", 1, 26, "'as' after 'by' may only name a stage's single aggregate"},
	    {"| pct(x, 50, 95) as p", 1, 3, "'as' cannot name several percentiles"},
	    {"| pct(x, 101)", 1, 3, "percentile 101 is outside 0 to 100"},
	    {"| timeslice 5", 1, 13, "'5' is not a time span"},
	    {"| timeslice 2.5 buckets", 1, 13, "'2.5' is not a whole number of buckets"},
	    {"| count_frequent", 1, 17, "expected a field name after 'count_frequent'"},
	});
}

TEST(Errors, UnknownOperatorHasHint) {
	const Diagnostic diagnostic = ErrorOf("| foo");
	EXPECT_NE(diagnostic.hint.find("where"), std::string::npos);
	EXPECT_EQ(diagnostic.span.length, 3u);
}

TEST(Errors, MissingPieces) {
	ExpectErrors({
	    {"| where", 1, 8, "expected an expression after 'where'"},
	    {"| where\n| sort x", 1, 8, "expected an expression after 'where'"},
	    {"| where )", 1, 9, "expected an expression after 'where'"},
	    {"| parse \"user=*\" as", 1, 20, "expected an alias list after 'as'"},
	    {"x\n| parse \"user=*\" as", 2, 20, "expected an alias list after 'as'"},
	    {"| parse \"user=*\" as\n| where a", 1, 20, "expected an alias list after 'as'"},
	    {"| parse \"user=*\" nodrop", 1, 18, "expected 'as' and an alias list after the pattern"},
	    {"| parse \"user=*\"", 1, 17, "expected 'as' and an alias list after the pattern"},
	    {"| parse user=*", 1, 9, "expected a quoted pattern after 'parse'"},
	    {"| parse regex", 1, 14, "expected a quoted regular expression"},
	    {"| parse \"a=*,b=*\" as a,", 1, 24, "expected a field name after ','"},
	    {"| x + 1", 1, 8, "expected 'as' and a field name after the expression"},
	    {"| toLong(a + b)", 1, 16, "expected 'as' and a field name after the expression"},
	    {"| x as", 1, 7, "expected a field name after 'as'"},
	    {"| eval x", 1, 8, "expected 'field = expression' after 'eval'"},
	    {"| eval x =", 1, 11, "expected an expression after '='"},
	    {"| eval x = 1,", 1, 14, "expected 'field = expression' after ','"},
	    {"| where x matches", 1, 18, "expected a pattern after 'matches'"},
	    {"| where x in 1", 1, 14, "expected a parenthesised list of values after 'in'"},
	    {"| where x in (1 2)", 1, 17, "expected ',' or ')' in the 'in' list"},
	    {"| where a ? b", 1, 14, "expected ':' in the conditional expression"},
	    {"| where a AND", 1, 14, "expected an expression after 'AND'"},
	    {"| where a OR\n", 1, 13, "expected an expression after 'OR'"},
	    {"| where !", 1, 10, "expected an expression after '!' or 'NOT'"},
	    {"| where a = ", 1, 12, "expected a value after the comparison operator"},
	    {"| where a +", 1, 12, "expected a value after the arithmetic operator"},
	    {"| sort by", 1, 10, "expected a field to sort by"},
	    {"| sort", 1, 7, "expected a field to sort by"},
	    {"| fields", 1, 9, "expected a field name after 'fields'"},
	    {"| fields a,", 1, 12, "expected a field name after ','"},
	    {"_sourceCategory=", 1, 17, "expected a value after '='"},
	    {"error OR", 1, 9, "expected a search term after 'OR'"},
	    {"error AND", 1, 10, "expected a search term after 'AND'"},
	    {"error NOT", 1, 10, "expected a search term after 'NOT' or '!'"},
	});
}

TEST(Errors, Parentheses) {
	ExpectErrors({
	    {"| where (a = b", 1, 15, "expected ')'"},
	    {"| where (a = b c)", 1, 16, "expected ')'"},
	    {"| where (a = b))", 1, 16, "found ')' without a matching '('"},
	    {"| where f(a", 1, 12, "expected ',' or ')' in the argument list"},
	    {"| where f(a,", 1, 13, "expected an argument after ','"},
	    {"| where ()", 1, 10, "expected an expression after '('"},
	    {"(error OR fail", 1, 15, "expected ')'"},
	    {"error)", 1, 6, "found ')' without a matching '('"},
	});
}

TEST(Errors, PipesAndStages) {
	ExpectErrors({
	    {"error |", 1, 8, "expected an operator after '|'"},
	    {"error |\n", 1, 8, "expected an operator after '|'"},
	    {"| where a |", 1, 12, "expected an operator after '|'"},
	    {"| parse \"x=*\" as x where x > 5", 1, 20, "expected '|' or the end of the query"},
	    {"| where a = 1 b", 1, 15, "expected '|' or the end of the query"},
	    {"| where a\nwhere b", 2, 1, "expected '|' or the end of the query"},
	    {"error\n  fail)", 2, 7, "found ')' without a matching '('"},
	    {"error, fail", 1, 6, "expected a search term, '|' or the end of the query"},
	    {"error =", 1, 8, "expected a value after '='"},
	    {"error 'x'", 1, 7, "single quotes do not delimit strings"},
	    {"| where x = 'abc'", 1, 13, "single quotes do not delimit strings"},
	    {"_sourceCategory!=x", 1, 16, "'!=' is not allowed in the search expression"},
	});
}

TEST(Errors, ParsePatternChecks) {
	ExpectErrors({
	    {"| parse \"a=* b=*\" as x", 1, 9, "the pattern has 2 '*' wildcards but 1 field name after 'as'"},
	    {"| parse \"a=*\" as x, y", 1, 9, "the pattern has 1 '*' wildcard but 2 field names after 'as'"},
	    {"| parse \"plain\" as x", 1, 9, "the pattern has 0 '*' wildcards but 1 field name after 'as'"},
	    {"| parse \"a=**\" as x, y", 1, 12, "'**' is not allowed in a parse pattern"},
	});
}

TEST(Errors, MisspelledAggregateBeforeBy) {
	ExpectErrors({
	    {"| count_distinc(user) by host", 1, 3, "'count_distinc' is not an aggregate function, so 'by' cannot follow it"},
	    {"| where x = 1\n| sumx(bytes)\n  by host", 2, 3, "'sumx' is not an aggregate function, so 'by' cannot follow it"},
	    {"| where a = 1 by host", 1, 15, "expected '|' or the end of the query"},
	});
	EXPECT_EQ(ErrorOf("| count_distinc(user) by host").hint, "did you mean 'count_distinct'?");
	EXPECT_EQ(ErrorOf("| count_distinc(user) by host").span.length, 13u);
	EXPECT_NE(ErrorOf("| foo(bytes) by host").hint.find("an aggregation is one of count,"), std::string::npos);
}

TEST(Errors, CountMismatchSpansPattern) {
	const Diagnostic diagnostic = ErrorOf("| parse \"a=* b=*\" as x");
	EXPECT_EQ(diagnostic.span.length, 9u);
	EXPECT_EQ(diagnostic.hint, "name one field for each '*' in the pattern");
}

TEST(Extensions, DuplicateFieldsNameKeepsFirst) {
	// `| fields a, b, a`: the second `a` starts at column 16. On line 2 of `| fields a,\nb, A`,
	// `A` is at column 4.
	const ast::Query query = ParseQuery("| fields a, b, a");
	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].kind, ast::ExtensionKind::kDuplicateFieldsName);
	EXPECT_EQ(query.extensions[0].span.line, 1u);
	EXPECT_EQ(query.extensions[0].span.column, 16u);
	const auto &fields = std::get<ast::FieldsOperator>(query.operators.at(0).node);
	EXPECT_EQ(fields.names, (std::vector<std::string> {"a", "b"}));

	const ast::Query folded = ParseQuery("| fields a,\nb, A");
	ASSERT_EQ(folded.extensions.size(), 1u);
	EXPECT_EQ(folded.extensions[0].span.line, 2u);
	EXPECT_EQ(folded.extensions[0].span.column, 4u);
	EXPECT_EQ(folded.extensions[0].subject, "a");
}

TEST(Extensions, WildcardInEqualityOperators) {
	// Each literal starts at column 13: `| where x = ` is 12 characters, and so is `| where x ==`
	// with the space left out.
	const std::vector<std::pair<std::string, std::string>> cases = {
	    {"| where x = \"10.*\"", "="},
	    {"| where x ==\"10.*\"", "=="},
	    {"| where x !=\"10.*\"", "!="},
	    {"| where x <>\"10.*\"", "<>"},
	};
	for (const auto &[text, symbol] : cases) {
		const ast::Query query = ParseQuery(text);
		ASSERT_EQ(query.extensions.size(), 1u) << text;
		EXPECT_EQ(query.extensions[0].kind, ast::ExtensionKind::kWildcardInEquality) << text;
		EXPECT_EQ(query.extensions[0].span.column, 13u) << text;
		EXPECT_EQ(query.extensions[0].span.length, 6u) << text;
		EXPECT_EQ(query.extensions[0].subject, symbol) << text;
	}
}

TEST(Extensions, WildcardInEqualityOnLeftAndInFunction) {
	// `| if("a*" = x, 1, 0) as y`: the literal is at column 6.
	const ast::Query query = ParseQuery("| if(\"a*\" = x, 1, 0) as y");
	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].span.column, 6u);
}

TEST(Extensions, WildcardOutsideEqualityIsFine) {
	const std::vector<std::string> queries = {
	    "DestinationIp=10.* | count",
	    "x=\"a*\" | count",
	    "| where x matches \"10.*\"",
	    "| where x = \"10.0\"",
	    "| where x < \"a*\"",
	    "| concat(\"a*\", x) as y",
	};
	for (const auto &text : queries) {
		EXPECT_TRUE(ParseQuery(text).extensions.empty()) << text;
	}
}

TEST(Extensions, AggregateExpressionArgument) {
	// `| sum(x * 2) as s, count_distinct(toLowerCase(user))`: `x * 2` is at column 7 and
	// `toLowerCase(user)` at column 35.
	const ast::Query query = ParseQuery("| sum(x * 2) as s, count_distinct(toLowerCase(user))");
	ASSERT_EQ(query.extensions.size(), 2u);
	EXPECT_EQ(query.extensions[0].kind, ast::ExtensionKind::kAggregateExpressionArgument);
	EXPECT_EQ(query.extensions[0].span.column, 7u);
	EXPECT_EQ(query.extensions[0].span.length, 5u);
	EXPECT_EQ(query.extensions[1].span.column, 35u);
	EXPECT_EQ(query.extensions[1].span.length, 17u);

	const auto &aggregate = std::get<ast::AggregateOperator>(query.operators.at(0).node);
	ASSERT_EQ(aggregate.calls.size(), 2u);
	EXPECT_TRUE(aggregate.calls[0].field.empty());
	ASSERT_TRUE(aggregate.calls[0].argument);
	EXPECT_TRUE(std::holds_alternative<ast::BinaryExpression>(aggregate.calls[0].argument->node));
	ASSERT_TRUE(aggregate.calls[1].argument);
	EXPECT_TRUE(std::holds_alternative<ast::FunctionCall>(aggregate.calls[1].argument->node));
}

TEST(Extensions, AggregateFieldArgumentIsNotExpression) {
	const ast::Query query = ParseQuery("| sum(bytes) as s, pct(latency, 50, 95), max(x) by host");
	EXPECT_TRUE(query.extensions.empty());
	const auto &aggregate = std::get<ast::AggregateOperator>(query.operators.at(0).node);
	for (const auto &call : aggregate.calls) {
		EXPECT_FALSE(call.argument) << call.name;
		EXPECT_FALSE(call.field.empty()) << call.name;
	}
}

TEST(Extensions, ParenthesizedAggregateFieldIsField) {
	// `| sum((x))`: the field `x` is at column 8.
	const ast::Query query = ParseQuery("| sum((x))");
	EXPECT_TRUE(query.extensions.empty());
	const auto &aggregate = std::get<ast::AggregateOperator>(query.operators.at(0).node);
	EXPECT_EQ(aggregate.calls.at(0).field, "x");
	EXPECT_EQ(aggregate.calls.at(0).field_span.column, 8u);
	EXPECT_FALSE(aggregate.calls.at(0).argument);
}

TEST(Extensions, PercentileOfExpression) {
	// `| pct(a + b, 95)`: `a + b` is at column 7.
	const ast::Query query = ParseQuery("| pct(a + b, 95)");
	ASSERT_EQ(query.extensions.size(), 1u);
	EXPECT_EQ(query.extensions[0].span.column, 7u);
	const auto &aggregate = std::get<ast::AggregateOperator>(query.operators.at(0).node);
	EXPECT_EQ(aggregate.calls.at(0).percentiles, (std::vector<double> {95}));
}

TEST(Extensions, MathMaxWithTwoArgumentsStaysFunction) {
	const ast::Query query = ParseQuery("| max(a, b) as m");
	EXPECT_TRUE(query.extensions.empty());
	EXPECT_TRUE(std::holds_alternative<ast::AssignOperator>(query.operators.at(0).node));
}

TEST(Errors, WhatReturnsMessage) {
	try {
		ParseQuery("| where");
		FAIL() << "expected a QueryError";
	} catch (const QueryError &error) {
		EXPECT_STREQ(error.what(), "expected an expression after 'where'");
	}
}

TEST(Errors, DeepNesting) {
	const std::string depth(100000, '(');
	const std::vector<std::string> queries = {
	    "| where " + depth + "a",
	    "| where " + std::string(100000, '!') + "a",
	    "| where " + std::string(100000, '-') + "a",
	    depth + "error",
	};
	for (const std::string &query : queries) {
		EXPECT_EQ(ErrorOf(query).message, grammar::kNestingTooDeep) << query.substr(0, 12);
	}
}

TEST(Errors, LongChainIsRejected) {
	std::string query = "| where a";
	for (int index = 0; index < 100000; ++index) {
		query += " AND a";
	}
	EXPECT_EQ(ErrorOf(query).message, grammar::kNestingTooDeep);
}

TEST(Errors, ModerateNestingParses) {
	const std::string query = "| where " + std::string(50, '(') + "a" + std::string(50, ')');
	EXPECT_NO_THROW(ParseQuery(query));
}

// ---------------------------------------------------------------------------------------------
// Diagnostic rendering
// ---------------------------------------------------------------------------------------------

TEST(Diagnostic, RendersAliasListError) {
	const std::string query = "x\n| parse \"user=*\" as";
	const Diagnostic diagnostic = ErrorOf(query);
	EXPECT_EQ(RenderDiagnostic(diagnostic, "query.sumo", query),
	          "query.sumo:2:20: error SQ1001: expected an alias list after 'as'\n"
	          "| parse \"user=*\" as\n"
	          "                   ^\n"
	          "hint: name one field for each '*' in the pattern\n");
}

TEST(Diagnostic, CaretKeepsTabs) {
	const std::string query = "| where a\n\t| foo";
	const Diagnostic diagnostic = ErrorOf(query);
	// The hint lists every operator, so only its start is checked here.
	const std::string rendered = RenderDiagnostic(diagnostic, "q.sumo", query);
	EXPECT_TRUE(rendered.starts_with("q.sumo:2:4: error SQ1001: unknown operator 'foo'\n"
	                                 "\t| foo\n"
	                                 "\t  ^~~\n"
	                                 "hint: the operators are where, parse, "))
	    << rendered;
}

TEST(Diagnostic, WarningWithoutHint) {
	Diagnostic diagnostic;
	diagnostic.severity = Severity::kWarning;
	diagnostic.span = SourceSpan {1, 3, 2, 4};
	diagnostic.message = "'eval' is not Sumo Logic syntax";
	EXPECT_EQ(RenderDiagnostic(diagnostic, "<query>", "| eval a = 1"),
	          "<query>:1:3: warning SQ4001: 'eval' is not Sumo Logic syntax\n"
	          "| eval a = 1\n"
	          "  ^~~~\n");
}

TEST(Diagnostic, UnderlineStopsAtLineEnd) {
	Diagnostic diagnostic;
	diagnostic.span = SourceSpan {1, 3, 2, 50};
	diagnostic.message = "m";
	EXPECT_EQ(RenderDiagnostic(diagnostic, "q", "| abc\nnext"), "q:1:3: error SQ4001: m\n| abc\n  ^~~\n");
}

// ---------------------------------------------------------------------------------------------
// Grammar
// ---------------------------------------------------------------------------------------------

TEST(Grammar, AnalyzeFindsNoProblems) {
	EXPECT_EQ(tao::pegtl::analyze<grammar::query>(-1), 0u);
}

TEST(ExpressionSpan, CoversParenthesizedOperands) {
	const std::string text = "| (o1 * o2) + o3 as a | o1 * (o2 + o3) as b";
	const ast::Query query = ParseQuery(text);
	const auto &first = std::get<ast::AssignOperator>(query.operators.at(0).node);
	const auto &second = std::get<ast::AssignOperator>(query.operators.at(1).node);
	EXPECT_EQ(text.substr(first.value->span.offset, first.value->span.length), "(o1 * o2) + o3");
	EXPECT_EQ(text.substr(second.value->span.offset, second.value->span.length), "o1 * (o2 + o3)");
}

} // namespace
} // namespace sumoql
