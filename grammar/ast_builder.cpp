// Parses a query with the PEGTL grammar into a parse tree, then converts the tree into the typed
// syntax tree of ast.hpp. The parse tree is built by PEGTL, which drops the nodes of every
// alternative that failed, so backtracking in the grammar never leaves half-built nodes behind.

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/messages.hpp"
#include "grammar/parser.hpp"
#include "grammar/query.hpp"

#include "engine/types/ascii.hpp"
#include "engine/types/edit_distance.hpp"

#include <fmt/format.h>
#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>
#include <string>
#include <utility>

namespace sumoql {

namespace {

namespace g = sumoql::grammar;
namespace pegtl = tao::pegtl;
namespace parse_tree = tao::pegtl::parse_tree;

using Node = parse_tree::node;

// Rule nesting allowed while parsing. Each level of parentheses or of a nested call costs about
// a dozen rules, so this allows some 80 levels, far more than real queries use, while it bounds
// the stack that the recursive descent uses.
constexpr std::size_t kMaxRuleDepth = 1000;

// Depth of the expression tree. A chain such as `a AND b AND c` nests one level per operator,
// and the tree is destroyed recursively, so its depth needs a bound of its own.
constexpr std::size_t kMaxExpressionDepth = 1000;

// ---------------------------------------------------------------------------------------------
// Parse tree selection
// ---------------------------------------------------------------------------------------------

// Replaces a node that has one child by that child, keeping the text range of every node.
// PEGTL's own fold_one drops the content, which the spans need.
struct fold_single_child : parse_tree::apply<fold_single_child> {
	template <typename TreeNode, typename... States>
	static void transform(std::unique_ptr<TreeNode> &node, States &&...) {
		if (node->children.size() == 1) {
			node = std::move(node->children.front());
		}
	}
};

template <typename Rule>
using Selector = parse_tree::selector<
    Rule,
    parse_tree::store_content::on<
        // Tokens
        g::string_literal, g::regex_literal, g::number_literal, g::true_literal, g::false_literal,
        g::null_literal, g::field_name, g::function_name, g::bare_value,
        // Scope
        g::scope, g::scope_negation, g::field_term, g::phrase, g::keyword,
        // Expressions
        g::function_call, g::parenthesized, g::unary_minus, g::multiplicative_operator,
        g::additive_operator, g::comparison_operator, g::comparison, g::matches_test,
        g::in_operator, g::not_in_operator, g::in_test, g::contains_test, g::not_operator,
        g::negation,
        // Operators
        g::where_op, g::parse_op, g::parse_anchor, g::parse_regex, g::parse_xml, g::extract_op, g::field_option,
        g::split_op, g::csv_op, g::delimiter_option, g::quote_option, g::escape_option, g::character_literal,
        g::indexed_column, g::column_index, g::skipped_column,
        g::keyvalue_op, g::kv_auto, g::kv_regex, g::kv_delim, g::kv_key_list,
        g::json_op, g::json_auto, g::json_auto_keys, g::maxdepth_number, g::refonly, g::extractarrays,
        g::alias_list, g::json_pair_alias, g::nodrop, g::multi, g::eval_op, g::eval_pair, g::expression_stage,
        g::fields_op, g::fields_exclusion, g::sort_op, g::sort_key, g::ascending_prefix,
        g::descending_prefix, g::kw_asc, g::kw_desc, g::by_field, g::row_count, g::limit_op,
        g::dedup_op, g::kw_consecutive, g::total_op, g::accum_op, g::diff_op, g::result_alias,
        g::lookup_op, g::all_columns, g::output_column, g::column_alias, g::library_path,
        g::table_location, g::join_condition, g::cat_source, g::transpose_op, g::row_field,
        g::column_field, g::output_field, g::dynamic_fields, g::transpose_outputs,
        g::aggregate_op, g::aggregate_item, g::field_aggregate_name, g::min_max_name, g::percentile_name,
        g::kw_count, g::count_star, g::argument_expression, g::percentile, g::aggregate_alias, g::count_keys, g::trailing_alias,
        g::count_frequent_op, g::timeslice_op, g::timeslice_buckets, g::timeslice_width, g::timeslice_alias,
        g::compose_op, g::unrunnable_operator, g::unsupported_operator,
        g::topk_op, g::ranked_field, g::top_op, g::top_field, g::outlier_op, g::outlier_field, g::outlier_option,
        g::outlier_option_name, g::outlier_option_value,
        g::fillmissing_op, g::timeslice_generator, g::values_generator, g::generator_width, g::generator_value,
        g::all_values, g::fill, g::negative_sign, g::take_last,
        // Subqueries
        g::subquery>,
    fold_single_child::on<g::scope_or, g::scope_and, g::expression, g::or_expr, g::and_expr,
                          g::relational, g::additive, g::multiplicative>>;

// ---------------------------------------------------------------------------------------------
// Error control
// ---------------------------------------------------------------------------------------------

struct ParseState {
	//! The hint of the commit point that raised, or null while none has raised.
	const char *hint = nullptr;
};

// Raises through must_if and records the hint. A rule with a message is matched with rewinding,
// so that when `must<>` raises, the input is back where the rule started, which is right after
// the last token accepted. Without it the error would sit wherever the failed attempt stopped,
// often past a line break. Errors about unexpected text skip the rewinding to point at the text.
template <typename Rule>
struct ErrorControl : pegtl::must_if<g::error_table>::control<Rule> {
	using Base = pegtl::must_if<g::error_table>::control<Rule>;

	template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
	          template <typename...> class Control, typename ParseInput, typename... States>
	static bool match(ParseInput &input, States &&...states) {
		constexpr bool rewinds = g::error_message<Rule> != nullptr && !g::error_at_unexpected_text<Rule>;
		constexpr pegtl::rewind_mode mode = rewinds ? pegtl::rewind_mode::required : M;
		return Base::template match<A, mode, Action, Control>(input, states...);
	}

	template <typename ParseInput>
	[[noreturn]] static void raise(const ParseInput &input, ParseState &state) {
		state.hint = g::error_hint<Rule>;
		Base::raise(input, state);
	}
};

template <typename Rule>
struct DepthLimit : pegtl::limit_depth<kMaxRuleDepth> {};

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

// Throws a QueryError for a parse tree shape that the grammar cannot produce, so that ParseQuery
// throws nothing else even when the builder has a bug.
[[noreturn]] void FailInternal(std::string_view what, std::string_view node_type) {
	Diagnostic diagnostic;
	diagnostic.kind = DiagnosticKind::kSyntax;
	diagnostic.message = fmt::format("internal error: unexpected {} node '{}'", what, node_type);
	throw QueryError({std::move(diagnostic)});
}

bool IsNameCharacter(char character) {
	return std::isalnum(static_cast<unsigned char>(character)) || character == '_' ||
	       character == '.';
}

// Returns `offset`, or the offset of the next token when one follows on the same line. Errors
// are found right after the last token accepted. When more text follows on that line, the
// expected token is missing in front of it, so the diagnostic points at that text.
std::size_t SkipBlanksOnLine(std::string_view text, std::size_t offset) {
	std::size_t next = offset;
	while (next < text.size() && (text[next] == ' ' || text[next] == '\t')) {
		++next;
	}
	const bool token_follows = next < text.size() && text[next] != '\n' && text[next] != '\r' &&
	                           text.substr(next, 2) != "//" && text.substr(next, 2) != "/*";
	return token_follows ? next : offset;
}

std::string ToLower(std::string_view text) {
	std::string lowered(text);
	for (char &character : lowered) {
		character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
	}
	return lowered;
}

// Applies the string escapes: `\"`, `\\`, `\n`, `\t` and `\r`. Any other backslash pair is kept
// as both characters, so regex text such as `\d{1,3}\.` reaches the regex engine unchanged.
std::string Unescape(std::string_view body) {
	std::string value;
	value.reserve(body.size());
	for (std::size_t index = 0; index < body.size(); ++index) {
		const char character = body[index];
		if (character != '\\' || index + 1 == body.size()) {
			value += character;
			continue;
		}

		const char escaped = body[++index];
		switch (escaped) {
		case '"':
		case '\\':
			value += escaped;
			break;
		case 'n':
			value += '\n';
			break;
		case 't':
			value += '\t';
			break;
		case 'r':
			value += '\r';
			break;
		default:
			value += '\\';
			value += escaped;
			break;
		}
	}
	return value;
}

//! The text between the delimiters of a string or regex literal.
std::string_view LiteralBody(const Node &literal) {
	const std::string_view text = literal.string_view();
	return text.substr(1, text.size() - 2);
}

//! The flags after the closing slash of a regex literal, or an empty view.
std::string_view RegexFlags(const Node &regex_literal) {
	const std::string_view text = regex_literal.string_view();
	return text.substr(text.rfind('/') + 1);
}

//! The regex of a `/re/` literal, with its flags as an RE2 group: `/a|b/i` gives `(?i)a|b`.
std::string RegexText(const Node &regex_literal) {
	const std::string_view text = regex_literal.string_view();
	const std::size_t closing_slash = text.rfind('/');
	const std::string body(text.substr(1, closing_slash - 1));
	const std::string_view flags = RegexFlags(regex_literal);
	return flags.empty() ? body : "(?" + std::string(flags) + ")" + body;
}

std::string FieldNameText(const Node &field_name) {
	const std::string_view text = field_name.string_view();
	if (text.size() >= 3 && text[0] == '%' && text[1] == '"') {
		return Unescape(text.substr(2, text.size() - 3));
	}
	if (!text.empty() && text[0] == '%') {
		return std::string(text.substr(1));
	}
	return std::string(text);
}

struct SuffixScale {
	std::string_view suffix;
	double scale;
};

// Size suffixes multiply by powers of 1000 or 1024, and time suffixes convert to milliseconds.
constexpr std::array<SuffixScale, 20> kNumberSuffixes = {{
    {"Ki", 1024.0},
    {"Mi", 1024.0 * 1024},
    {"Gi", 1024.0 * 1024 * 1024},
    {"Ti", 1024.0 * 1024 * 1024 * 1024},
    {"Pi", 1024.0 * 1024 * 1024 * 1024 * 1024},
    {"K", 1e3},
    {"k", 1e3},
    {"M", 1e6},
    {"G", 1e9},
    {"B", 1e9},
    {"T", 1e12},
    {"P", 1e15},
    {"ns", 1e-6},
    {"us", 1e-3},
    {"ms", 1.0},
    {"s", 1e3},
    {"m", 60e3},
    {"h", 3600e3},
    {"d", 86400e3},
    {"w", 604800e3},
}};

double NumberValue(std::string_view text) {
	std::size_t digits_end = 0;
	while (digits_end < text.size() &&
	       (std::isdigit(static_cast<unsigned char>(text[digits_end])) || text[digits_end] == '.')) {
		++digits_end;
	}
	if (digits_end + 1 < text.size() && (text[digits_end] == 'e' || text[digits_end] == 'E')) {
		const std::size_t sign = digits_end + 1;
		const std::size_t exponent_digits =
		    (text[sign] == '+' || text[sign] == '-') ? sign + 1 : sign;
		if (exponent_digits < text.size() &&
		    std::isdigit(static_cast<unsigned char>(text[exponent_digits]))) {
			digits_end = exponent_digits;
			while (digits_end < text.size() &&
			       std::isdigit(static_cast<unsigned char>(text[digits_end]))) {
				++digits_end;
			}
		}
	}

	double value = 0;
	const auto result = std::from_chars(text.data(), text.data() + digits_end, value);

	// from_chars leaves the value alone when it is out of range: `1e999` overflows to infinity,
	// while `1e-999` underflows to zero.
	if (result.ec == std::errc::result_out_of_range) {
		const bool negative_exponent = text.substr(0, digits_end).find('-') != std::string_view::npos;
		value = negative_exponent ? 0.0 : std::numeric_limits<double>::infinity();
	}

	const std::string_view suffix = text.substr(digits_end);
	for (const SuffixScale &entry : kNumberSuffixes) {
		if (entry.suffix == suffix) {
			return value * entry.scale;
		}
	}
	return value;
}

// Casts, the rounding functions and the case conversions may stand as a stage without `as`:
// they replace the value of the field they are given.
bool IsInPlaceConversion(std::string_view function_name) {
	static const std::set<std::string, std::less<>> kNames = {
	    "num",   "number", "double", "tolong", "toint",       "tostring",
	    "round", "floor",  "ceil",   "abs",    "tolowercase", "touppercase"};
	return kNames.count(ToLower(function_name)) > 0;
}

// Functions that return a boolean, which may stand as a stage without `as`.
bool IsPredicate(std::string_view function_name) {
	static const std::set<std::string, std::less<>> kNames = {
	    "isnull",      "isempty",     "isblank",      "isnumeric",    "isnan",       "isinfinity",
	    "isvalidip",   "isvalidipv4", "isvalidipv6",  "isprivateip",  "ispublicip",  "isreservedip",
	    "comparecidrprefix", "contains"};
	return kNames.count(ToLower(function_name)) > 0;
}

std::string CountNoun(std::size_t count, std::string_view singular, std::string_view plural) {
	return fmt::format("{} {}", count, count == 1 ? singular : plural);
}

// ---------------------------------------------------------------------------------------------
// Syntax tree builder
// ---------------------------------------------------------------------------------------------

class AstBuilder {
public:
	explicit AstBuilder(std::string_view query_text) : query_text_(query_text) {
	}

	ast::Query Build(const Node &root);

private:
	// Spans and errors
	SourceSpan SpanAtOffset(std::size_t offset, std::size_t length) const;
	SourceSpan SpanOf(const Node &node) const;
	SourceSpan SpanOfLeadingWord(const Node &node) const;
	SourceSpan SpanAfter(const Node &node) const;
	SourceSpan SpanOfSubqueryHead(const Node &subquery) const;
	[[noreturn]] void Fail(const SourceSpan &span, std::string message, std::string hint) const;

	// Scope
	ast::ScopeNodePtr BuildScope(const Node &node);
	ast::ScopeNodePtr BuildFieldTerm(const Node &node);

	// Expressions
	ast::ExpressionPtr BuildExpression(const Node &node, std::size_t depth);
	ast::ExpressionPtr BuildLeaf(const Node &node);
	ast::ExpressionPtr BuildConditional(const Node &node, std::size_t depth);
	ast::ExpressionPtr BuildLogicalChain(const Node &node, ast::BinaryOperator op,
	                                     std::size_t depth);
	ast::ExpressionPtr BuildArithmeticChain(const Node &node, std::size_t depth);
	ast::ExpressionPtr BuildRelational(const Node &node, std::size_t depth);
	ast::ExpressionPtr BuildNegation(const Node &node, std::size_t depth);
	ast::ExpressionPtr BuildFunctionCall(const Node &node, std::size_t depth);
	ast::ExpressionPtr BuildStringLiteral(const Node &node) const;
	std::string BuildRegex(const Node &regex_literal);

	// Operators
	void BuildOperator(const Node &node);
	void BuildWhere(const Node &node);
	void BuildParse(const Node &node);
	void BuildAnchorParse(const Node &parse_node, const Node &anchor_node);
	void CheckAnchorPattern(const Node &pattern, const ast::ParseAnchorOperator &anchor) const;
	ast::ParseRegexOperator BuildRegexParse(const Node &node) const;
	void BuildXmlParse(const Node &parse_node, const Node &xml_node);
	void CheckPathCount(const Node &node, std::string_view operator_name, std::size_t paths,
	                    std::size_t aliases, std::string_view item = "path") const;
	void BuildJson(const Node &node);
	void BuildSplit(const Node &node);
	void BuildKeyValue(const Node &node);
	void CollectJsonParts(const Node &node, ast::JsonOperator &json) const;
	void BuildEval(const Node &node);
	void BuildExpressionStage(const Node &node);
	void BuildFields(const Node &node);
	void BuildSort(const Node &node);
	ast::SortKey BuildSortKey(const Node &node) const;
	void BuildLimit(const Node &node);
	void BuildDedup(const Node &node);
	template <typename FieldSum>
	void BuildFieldSum(const Node &node);
	std::uint64_t RowCount(const Node &node) const;
	void BuildLookup(const Node &node);
	void BuildTranspose(const Node &node);
	void BuildTopk(const Node &node);
	void BuildTop(const Node &node);
	void BuildFillmissing(const Node &node);
	ast::FillGenerator BuildFillGenerator(const Node &node);
	ast::FillConstant BuildFillConstant(const Node &node) const;
	void BuildOutlier(const Node &node);
	void SetOutlierOption(const Node &option, ast::OutlierOperator &outlier) const;
	ast::TableSource BuildTableSource(const Node &node);
	void BuildAggregate(const Node &node);
	ast::AggregateCall BuildAggregateCall(const Node &node);
	void BuildCountFrequent(const Node &node);
	void BuildTimeslice(const Node &node);
	double SliceWidth(const Node &node, const char *hint) const;

	void RecordSymbolicOperator(const Node &left, const Node &right);

	void RecordExtension(ast::ExtensionKind kind, const SourceSpan &span, std::string subject = {}) {
		query_.extensions.push_back({kind, span, std::move(subject), std::nullopt});
	}

	void RecordWildcardEquality(ast::BinaryOperator op, std::string_view symbol, const ast::Expression &left,
	                            const ast::Expression &right);

	void RecordUnsupported(std::string_view spelling, const SourceSpan &span) {
		query_.unsupported.push_back({ToLower(spelling), std::string(spelling), span});
	}

	std::string_view query_text_;
	ast::Query query_;
};

// Spans and errors ----------------------------------------------------------------------------

SourceSpan AstBuilder::SpanAtOffset(std::size_t offset, std::size_t length) const {
	return sumoql::SpanAtOffset(query_text_, offset, length);
}

SourceSpan AstBuilder::SpanOf(const Node &node) const {
	SourceSpan span;
	span.line = static_cast<std::uint32_t>(node.m_begin.line);
	span.column = static_cast<std::uint32_t>(node.m_begin.column);
	span.offset = static_cast<std::uint32_t>(node.m_begin.byte);
	span.length = static_cast<std::uint32_t>(node.m_end.byte - node.m_begin.byte);
	return span;
}

SourceSpan AstBuilder::SpanOfLeadingWord(const Node &node) const {
	SourceSpan span = SpanOf(node);
	const std::string_view text = node.string_view();
	std::size_t length = 0;
	while (length < text.size() && IsNameCharacter(text[length])) {
		++length;
	}
	span.length = static_cast<std::uint32_t>(length);
	return span;
}

// The position right after `node`, or the token that follows it on the same line.
SourceSpan AstBuilder::SpanAfter(const Node &node) const {
	return SpanAtOffset(SkipBlanksOnLine(query_text_, node.m_end.byte), 1);
}

// The span from `[` up to the end of the word `subquery`.
SourceSpan AstBuilder::SpanOfSubqueryHead(const Node &subquery) const {
	SourceSpan span = SpanOf(subquery);
	const std::size_t keyword_end = ToLower(subquery.string_view()).find("subquery") + 8;
	span.length = static_cast<std::uint32_t>(keyword_end);
	return span;
}

void AstBuilder::Fail(const SourceSpan &span, std::string message, std::string hint) const {
	Diagnostic diagnostic;
	diagnostic.kind = DiagnosticKind::kSyntax;
	diagnostic.span = span;
	diagnostic.message = std::move(message);
	diagnostic.hint = std::move(hint);
	throw QueryError({std::move(diagnostic)});
}

// Query -------------------------------------------------------------------------------------

ast::Query AstBuilder::Build(const Node &root) {
	for (const auto &child : root.children) {
		if (child->is_type<g::scope>()) {
			query_.scope = BuildScope(*child->children.front());
			continue;
		}
		if (child->is_type<g::cat_source>()) {
			query_.cat_table = BuildTableSource(*child->children.front());
			continue;
		}
		BuildOperator(*child);
	}

	std::stable_sort(query_.extensions.begin(), query_.extensions.end(),
	                 [](const ast::ExtensionUse &left, const ast::ExtensionUse &right) {
		                 return left.span.offset < right.span.offset;
	                 });
	return std::move(query_);
}

// Scope -------------------------------------------------------------------------------------

// Returns null for a subquery, or for a group that holds only subqueries, because the syntax
// tree leaves subqueries out and records them as unsupported.
ast::ScopeNodePtr AstBuilder::BuildScope(const Node &node) {
	auto scope_node = std::make_unique<ast::ScopeNode>();
	scope_node->span = SpanOf(node);

	if (node.is_type<g::subquery>()) {
		RecordUnsupported("subquery", SpanOfSubqueryHead(node));
		return nullptr;
	}

	if (node.is_type<g::scope_or>() || node.is_type<g::scope_and>()) {
		std::vector<ast::ScopeNodePtr> terms;
		for (const auto &child : node.children) {
			if (auto term = BuildScope(*child)) {
				terms.push_back(std::move(term));
			}
		}
		if (terms.empty()) {
			return nullptr;
		}
		if (node.is_type<g::scope_or>()) {
			scope_node->node = ast::ScopeOr {std::move(terms)};
		} else {
			scope_node->node = ast::ScopeAnd {std::move(terms)};
		}
		return scope_node;
	}

	if (node.is_type<g::scope_negation>()) {
		auto term = BuildScope(*node.children.back());
		if (term == nullptr) {
			return nullptr;
		}
		scope_node->node = ast::ScopeNot {std::move(term)};
		return scope_node;
	}
	if (node.is_type<g::field_term>()) {
		return BuildFieldTerm(node);
	}
	if (node.is_type<g::phrase>()) {
		scope_node->node = ast::ScopePhrase {Unescape(LiteralBody(node))};
		return scope_node;
	}
	if (node.is_type<g::keyword>()) {
		scope_node->node = ast::ScopeKeyword {node.string()};
		return scope_node;
	}
	FailInternal("scope", node.type);
}

ast::ScopeNodePtr AstBuilder::BuildFieldTerm(const Node &node) {
	const Node &value = *node.children.back();

	ast::ScopeFieldTerm term;
	term.field = FieldNameText(*node.children.front());
	term.quoted = value.is_type<g::string_literal>();
	term.value = term.quoted ? Unescape(LiteralBody(value)) : value.string();

	auto scope_node = std::make_unique<ast::ScopeNode>();
	scope_node->span = SpanOf(node);
	scope_node->node = std::move(term);
	return scope_node;
}

// Expressions -------------------------------------------------------------------------------

ast::ExpressionPtr MakeExpression(const SourceSpan &span) {
	auto expression = std::make_unique<ast::Expression>();
	expression->span = span;
	return expression;
}

SourceSpan JoinSpans(const SourceSpan &first, const SourceSpan &last) {
	SourceSpan span = first;
	span.length = last.offset + last.length - first.offset;
	return span;
}

ast::ExpressionPtr MakeBinary(ast::BinaryOperator op, ast::ExpressionPtr left,
                              ast::ExpressionPtr right) {
	auto expression = MakeExpression(JoinSpans(left->span, right->span));
	expression->node = ast::BinaryExpression {op, std::move(left), std::move(right)};
	return expression;
}

ast::ExpressionPtr AstBuilder::BuildExpression(const Node &node, std::size_t depth) {
	if (depth > kMaxExpressionDepth) {
		Fail(SpanOf(node), g::kNestingTooDeep, g::kNestingTooDeepHint);
	}

	if (node.is_type<g::expression>()) {
		return BuildConditional(node, depth);
	}
	if (node.is_type<g::or_expr>()) {
		return BuildLogicalChain(node, ast::BinaryOperator::kOr, depth);
	}
	if (node.is_type<g::and_expr>()) {
		return BuildLogicalChain(node, ast::BinaryOperator::kAnd, depth);
	}
	if (node.is_type<g::negation>()) {
		return BuildNegation(node, depth);
	}
	if (node.is_type<g::relational>()) {
		return BuildRelational(node, depth);
	}
	if (node.is_type<g::additive>() || node.is_type<g::multiplicative>()) {
		return BuildArithmeticChain(node, depth);
	}
	if (node.is_type<g::unary_minus>()) {
		auto expression = MakeExpression(SpanOf(node));
		expression->node = ast::UnaryExpression {ast::UnaryOperator::kNegate,
		                                         BuildExpression(*node.children.front(), depth + 1)};
		return expression;
	}
	if (node.is_type<g::parenthesized>()) {
		// The span takes in the parentheses, so that a binary expression that starts or ends with
		// a parenthesised operand covers its whole text.
		auto expression = BuildExpression(*node.children.front(), depth);
		expression->span = SpanOf(node);
		return expression;
	}
	if (node.is_type<g::function_call>()) {
		return BuildFunctionCall(node, depth);
	}
	if (node.is_type<g::subquery>()) {
		// The placeholder keeps the tree whole. It never runs, because the planner rejects a
		// query with an unsupported construct.
		RecordUnsupported("subquery", SpanOfSubqueryHead(node));
		auto expression = MakeExpression(SpanOf(node));
		expression->node = ast::BooleanLiteral {true};
		return expression;
	}
	return BuildLeaf(node);
}

ast::ExpressionPtr AstBuilder::BuildLeaf(const Node &node) {
	if (node.is_type<g::string_literal>()) {
		return BuildStringLiteral(node);
	}

	auto expression = MakeExpression(SpanOf(node));
	if (node.is_type<g::number_literal>()) {
		expression->node = ast::NumberLiteral {NumberValue(node.string_view()), node.string()};
	} else if (node.is_type<g::true_literal>()) {
		expression->node = ast::BooleanLiteral {true};
	} else if (node.is_type<g::false_literal>()) {
		expression->node = ast::BooleanLiteral {false};
	} else if (node.is_type<g::null_literal>()) {
		expression->node = ast::NullLiteral {};
	} else if (node.is_type<g::field_name>()) {
		expression->node = ast::FieldReference {FieldNameText(node)};
	} else {
		FailInternal("expression", node.type);
	}
	return expression;
}

ast::ExpressionPtr AstBuilder::BuildStringLiteral(const Node &node) const {
	auto expression = MakeExpression(SpanOf(node));
	const std::string_view body = LiteralBody(node);
	expression->node = ast::StringLiteral {Unescape(body), std::string(body)};
	return expression;
}

std::string AstBuilder::BuildRegex(const Node &regex_literal) {
	if (!RegexFlags(regex_literal).empty()) {
		RecordExtension(ast::ExtensionKind::kRegexFlags, SpanOf(regex_literal));
	}
	return RegexText(regex_literal);
}

ast::ExpressionPtr AstBuilder::BuildConditional(const Node &node, std::size_t depth) {
	ast::ConditionalExpression conditional;
	conditional.condition = BuildExpression(*node.children[0], depth + 1);
	conditional.then_value = BuildExpression(*node.children[1], depth + 1);
	conditional.else_value = BuildExpression(*node.children[2], depth + 1);

	auto expression = MakeExpression(SpanOf(node));
	expression->node = std::move(conditional);
	return expression;
}

// A chain of n operands becomes a left-deep tree: its first operand sits n - 1 levels below the
// root, and operand i (counting from 0) sits n - i levels below it.
ast::ExpressionPtr AstBuilder::BuildLogicalChain(const Node &node, ast::BinaryOperator op,
                                                 std::size_t depth) {
	const std::size_t count = node.children.size();
	auto result = BuildExpression(*node.children[0], depth + count - 1);
	for (std::size_t index = 1; index < count; ++index) {
		RecordSymbolicOperator(*node.children[index - 1], *node.children[index]);
		auto right = BuildExpression(*node.children[index], depth + count - index);
		result = MakeBinary(op, std::move(result), std::move(right));
	}
	return result;
}

// Records `&&` or `||` between two operands of a chain. The operator must be the first text after
// the blanks, so a comment before it hides it and nothing is recorded.
void AstBuilder::RecordSymbolicOperator(const Node &left, const Node &right) {
	const std::size_t gap_begin = left.m_end.byte;
	const std::string_view gap = query_text_.substr(gap_begin, right.m_begin.byte - gap_begin);
	const std::size_t start = gap.find_first_not_of(" \t\r\n");
	if (start == std::string_view::npos) {
		return;
	}

	const std::string_view rest = gap.substr(start);
	if (rest.starts_with("&&") || rest.starts_with("||")) {
		RecordExtension(ast::ExtensionKind::kSymbolicLogicalOperator, SpanAtOffset(gap_begin + start, 2));
	}
}

ast::BinaryOperator ArithmeticOperator(char symbol) {
	switch (symbol) {
	case '+':
		return ast::BinaryOperator::kAdd;
	case '-':
		return ast::BinaryOperator::kSubtract;
	case '*':
		return ast::BinaryOperator::kMultiply;
	case '/':
		return ast::BinaryOperator::kDivide;
	default:
		return ast::BinaryOperator::kModulo;
	}
}

// The children alternate operand, operator, operand, ...
ast::ExpressionPtr AstBuilder::BuildArithmeticChain(const Node &node, std::size_t depth) {
	const std::size_t count = (node.children.size() + 1) / 2;
	auto result = BuildExpression(*node.children[0], depth + count - 1);
	for (std::size_t index = 1; index < count; ++index) {
		const char symbol = node.children[2 * index - 1]->string_view().front();
		auto right = BuildExpression(*node.children[2 * index], depth + count - index);
		result = MakeBinary(ArithmeticOperator(symbol), std::move(result), std::move(right));
	}
	return result;
}

ast::BinaryOperator ComparisonOperator(std::string_view symbol) {
	if (symbol == "=" || symbol == "==") {
		return ast::BinaryOperator::kEqual;
	}
	if (symbol == "!=" || symbol == "<>") {
		return ast::BinaryOperator::kNotEqual;
	}
	if (symbol == "<") {
		return ast::BinaryOperator::kLess;
	}
	if (symbol == "<=") {
		return ast::BinaryOperator::kLessEqual;
	}
	if (symbol == ">") {
		return ast::BinaryOperator::kGreater;
	}
	return ast::BinaryOperator::kGreaterEqual;
}

// Sumo Logic compares `x = "10.*"` literally, so the `*` matches only a `*`. Only the scope and
// `matches` read it as a wildcard.
void AstBuilder::RecordWildcardEquality(ast::BinaryOperator op, std::string_view symbol, const ast::Expression &left,
                                        const ast::Expression &right) {
	if (op != ast::BinaryOperator::kEqual && op != ast::BinaryOperator::kNotEqual) {
		return;
	}
	for (const ast::Expression *operand : {&left, &right}) {
		const auto *literal = std::get_if<ast::StringLiteral>(&operand->node);
		if (literal && literal->value.find('*') != std::string::npos) {
			RecordExtension(ast::ExtensionKind::kWildcardInEquality, operand->span, std::string(symbol));
			return;
		}
	}
}

ast::ExpressionPtr AstBuilder::BuildRelational(const Node &node, std::size_t depth) {
	auto subject = BuildExpression(*node.children[0], depth + 1);
	const Node &test = *node.children[1];
	auto expression = MakeExpression(SpanOf(node));

	if (test.is_type<g::comparison>()) {
		const auto op = ComparisonOperator(test.children[0]->string_view());
		auto right = BuildExpression(*test.children[1], depth + 1);
		RecordWildcardEquality(op, test.children[0]->string_view(), *subject, *right);
		expression->node = ast::BinaryExpression {op, std::move(subject), std::move(right)};
		return expression;
	}

	if (test.is_type<g::matches_test>()) {
		ast::MatchesExpression matches;
		matches.subject = std::move(subject);
		const Node &pattern = *test.children[0];
		if (pattern.is_type<g::regex_literal>()) {
			matches.regex = BuildRegex(pattern);
		} else {
			matches.pattern = BuildExpression(pattern, depth + 1);
		}
		expression->node = std::move(matches);
		return expression;
	}

	if (test.is_type<g::in_test>()) {
		ast::InExpression in;
		in.subject = std::move(subject);
		in.negated = test.children[0]->is_type<g::not_in_operator>();
		for (std::size_t index = 1; index < test.children.size(); ++index) {
			in.items.push_back(BuildExpression(*test.children[index], depth + 1));
		}
		expression->node = std::move(in);
		return expression;
	}

	// `a contains b` is the call `contains(a, b)`.
	ast::FunctionCall call;
	call.name = "contains";
	call.arguments.push_back(std::move(subject));
	call.arguments.push_back(BuildExpression(*test.children[0], depth + 1));
	call.regex_arguments.resize(2);
	expression->node = std::move(call);
	return expression;
}

ast::ExpressionPtr AstBuilder::BuildNegation(const Node &node, std::size_t depth) {
	const Node &operator_node = *node.children[0];
	const Node &operand = *node.children[1];

	ast::UnaryExpression negation;
	negation.op = ast::UnaryOperator::kNot;
	negation.operand = BuildExpression(operand, depth + 1);

	// A relational node exists only when the operand has a comparison, `matches`, `in` or
	// `contains` test, while a parenthesised operand arrives as a `parenthesized` node.
	negation.unparenthesized_not = operand.is_type<g::relational>();
	if (negation.unparenthesized_not) {
		RecordExtension(ast::ExtensionKind::kUnparenthesizedNot, SpanOf(operator_node));
	}

	auto expression = MakeExpression(SpanOf(node));
	expression->node = std::move(negation);
	return expression;
}

// A `/regex/` argument is stored twice: as a string literal in `arguments`, so that every
// argument is an expression, and as its text in `regex_arguments`.
ast::ExpressionPtr AstBuilder::BuildFunctionCall(const Node &node, std::size_t depth) {
	ast::FunctionCall call;
	call.name = node.children[0]->string();

	for (std::size_t index = 1; index < node.children.size(); ++index) {
		const Node &argument = *node.children[index];
		if (!argument.is_type<g::regex_literal>()) {
			call.arguments.push_back(BuildExpression(argument, depth + 1));
			call.regex_arguments.emplace_back();
			continue;
		}

		const std::string body = BuildRegex(argument);
		auto literal = MakeExpression(SpanOf(argument));
		literal->node = ast::StringLiteral {body, body};
		call.arguments.push_back(std::move(literal));
		call.regex_arguments.emplace_back(body);
	}

	auto expression = MakeExpression(SpanOf(node));
	expression->node = std::move(call);
	return expression;
}

// Operators ---------------------------------------------------------------------------------

void AstBuilder::BuildOperator(const Node &node) {
	if (node.is_type<g::where_op>()) {
		BuildWhere(node);
	} else if (node.is_type<g::parse_op>()) {
		BuildParse(node);
	} else if (node.is_type<g::extract_op>()) {
		query_.operators.push_back({SpanOf(node), BuildRegexParse(node)});
	} else if (node.is_type<g::json_op>()) {
		BuildJson(node);
	} else if (node.is_type<g::keyvalue_op>()) {
		BuildKeyValue(node);
	} else if (node.is_type<g::split_op>() || node.is_type<g::csv_op>()) {
		BuildSplit(node);
	} else if (node.is_type<g::eval_op>()) {
		BuildEval(node);
	} else if (node.is_type<g::expression_stage>()) {
		BuildExpressionStage(node);
	} else if (node.is_type<g::fields_op>()) {
		BuildFields(node);
	} else if (node.is_type<g::sort_op>()) {
		BuildSort(node);
	} else if (node.is_type<g::limit_op>()) {
		BuildLimit(node);
	} else if (node.is_type<g::dedup_op>()) {
		BuildDedup(node);
	} else if (node.is_type<g::total_op>()) {
		BuildFieldSum<ast::TotalOperator>(node);
	} else if (node.is_type<g::accum_op>()) {
		BuildFieldSum<ast::AccumOperator>(node);
	} else if (node.is_type<g::diff_op>()) {
		BuildFieldSum<ast::DiffOperator>(node);
	} else if (node.is_type<g::lookup_op>()) {
		BuildLookup(node);
	} else if (node.is_type<g::transpose_op>()) {
		BuildTranspose(node);
	} else if (node.is_type<g::aggregate_op>()) {
		BuildAggregate(node);
	} else if (node.is_type<g::count_frequent_op>()) {
		BuildCountFrequent(node);
	} else if (node.is_type<g::timeslice_op>()) {
		BuildTimeslice(node);
	} else if (node.is_type<g::topk_op>()) {
		BuildTopk(node);
	} else if (node.is_type<g::top_op>()) {
		BuildTop(node);
	} else if (node.is_type<g::fillmissing_op>()) {
		BuildFillmissing(node);
	} else if (node.is_type<g::outlier_op>()) {
		BuildOutlier(node);
	} else if (node.is_type<g::compose_op>() || node.is_type<g::unrunnable_operator>() ||
	           node.is_type<g::unsupported_operator>()) {
		const SourceSpan name_span = SpanOfLeadingWord(node);
		RecordUnsupported(node.string_view().substr(0, name_span.length), name_span);
	} else {
		FailInternal("operator", node.type);
	}
}

void AstBuilder::BuildWhere(const Node &node) {
	ast::WhereOperator where;
	where.condition = BuildExpression(*node.children.front(), 0);
	query_.operators.push_back({SpanOf(node), std::move(where)});
}

void AstBuilder::BuildParse(const Node &node) {
	const Node &body = *node.children.front();
	if (body.is_type<g::parse_regex>()) {
		query_.operators.push_back({SpanOf(node), BuildRegexParse(body)});
		return;
	}
	if (body.is_type<g::parse_xml>()) {
		BuildXmlParse(node, body);
		return;
	}
	BuildAnchorParse(node, body);
}

// A pattern that has a named group and no `*`, written without `as`, was meant for
// `parse regex`. sumoql runs it that way and records the extension.
bool IsPromotableToRegex(std::string_view pattern) {
	return pattern.find("(?<") != std::string_view::npos && pattern.find('*') == std::string_view::npos;
}

// `parse "a=*" as a, "b=*" as b` becomes one anchor stage per pattern, in order, with the same
// field and nodrop. Consecutive parse stages drop a row unless every one matches, or an earlier
// nodrop stage of the run matched it, which is the rule for one stage with several patterns.
void AstBuilder::BuildAnchorParse(const Node &parse_node, const Node &anchor_node) {
	std::optional<std::string> field;
	bool nodrop = false;
	std::vector<std::pair<const Node *, const Node *>> pairs;
	for (const auto &child : anchor_node.children) {
		if (child->is_type<g::field_option>()) {
			field = FieldNameText(*child->children.front());
		} else if (child->is_type<g::string_literal>()) {
			pairs.emplace_back(child.get(), nullptr);
		} else if (child->is_type<g::alias_list>()) {
			pairs.back().second = child.get();
		} else if (child->is_type<g::nodrop>()) {
			nodrop = true;
		}
	}

	const auto [first_pattern, first_aliases] = pairs.front();
	if (first_aliases == nullptr) {
		std::string pattern = Unescape(LiteralBody(*first_pattern));
		if (!IsPromotableToRegex(pattern)) {
			Fail(SpanAfter(*first_pattern), g::kMissingAliasList, g::kMissingAliasListHint);
		}

		ast::ParseRegexOperator regex;
		regex.field = std::move(field);
		regex.patterns.push_back(std::move(pattern));
		regex.pattern_spans.push_back(SpanOf(*first_pattern));
		regex.nodrop = nodrop;
		regex.promoted_from_anchor = true;
		RecordExtension(ast::ExtensionKind::kAnchorParsePromotedToRegex, SpanOfLeadingWord(parse_node));
		query_.operators.push_back({SpanOf(parse_node), std::move(regex)});
		return;
	}

	for (const auto &[pattern, aliases] : pairs) {
		ast::ParseAnchorOperator anchor;
		anchor.field = field;
		anchor.nodrop = nodrop;
		anchor.pattern = Unescape(LiteralBody(*pattern));
		anchor.pattern_span = SpanOf(*pattern);
		for (const auto &alias : aliases->children) {
			anchor.aliases.push_back(FieldNameText(*alias));
		}
		CheckAnchorPattern(*pattern, anchor);
		query_.operators.push_back({SpanOf(parse_node), std::move(anchor)});
	}
}

void AstBuilder::CheckAnchorPattern(const Node &pattern, const ast::ParseAnchorOperator &anchor) const {
	// Escapes neither create nor remove a `*`, so positions found in the source text are exact.
	const std::string_view body = LiteralBody(pattern);
	const std::size_t adjacent = body.find("**");
	if (adjacent != std::string_view::npos) {
		Fail(SpanAtOffset(pattern.m_begin.byte + 1 + adjacent, 2), g::kAdjacentWildcards,
		     g::kAdjacentWildcardsHint);
	}

	const auto wildcards =
	    static_cast<std::size_t>(std::count(anchor.pattern.begin(), anchor.pattern.end(), '*'));
	if (wildcards != anchor.aliases.size()) {
		Fail(SpanOf(pattern),
		     fmt::format(fmt::runtime(g::kWildcardCountMismatch),
		                 CountNoun(wildcards, "'*' wildcard", "'*' wildcards"),
		                 CountNoun(anchor.aliases.size(), "field name", "field names")),
		     g::kWildcardCountMismatchHint);
	}
}

ast::ParseRegexOperator AstBuilder::BuildRegexParse(const Node &node) const {
	ast::ParseRegexOperator regex;
	for (const auto &child : node.children) {
		if (child->is_type<g::field_option>()) {
			regex.field = FieldNameText(*child->children.front());
		} else if (child->is_type<g::string_literal>()) {
			regex.patterns.push_back(Unescape(LiteralBody(*child)));
			regex.pattern_spans.push_back(SpanOf(*child));
		} else if (child->is_type<g::multi>()) {
			regex.multi = true;
		} else if (child->is_type<g::nodrop>()) {
			regex.nodrop = true;
		}
	}
	return regex;
}

void AstBuilder::BuildJson(const Node &node) {
	ast::JsonOperator json;
	CollectJsonParts(node, json);

	CheckPathCount(node, "json", json.paths.size(), json.aliases.size());
	query_.operators.push_back({SpanOf(node), std::move(json)});
}

// `item` names what each alias stands for, such as "path" or "key".
void AstBuilder::CheckPathCount(const Node &node, std::string_view operator_name, std::size_t paths,
                                std::size_t aliases, std::string_view item) const {
	if (aliases != 0 && aliases != paths) {
		Fail(SpanOf(node),
		     fmt::format(fmt::runtime(g::kPathCountMismatch), operator_name,
		                 CountNoun(paths, item, std::string(item) + "s"),
		                 CountNoun(aliases, "field name", "field names")),
		     g::kPathCountMismatchHint);
	}
}

void AstBuilder::BuildXmlParse(const Node &parse_node, const Node &xml_node) {
	ast::ParseXmlOperator xml;
	for (const auto &child : xml_node.children) {
		if (child->is_type<g::field_option>()) {
			xml.field = FieldNameText(*child->children.front());
		} else if (child->is_type<g::string_literal>()) {
			xml.paths.push_back(Unescape(LiteralBody(*child)));
			xml.path_spans.push_back(SpanOf(*child));
		} else if (child->is_type<g::alias_list>()) {
			for (const auto &alias : child->children) {
				xml.aliases.push_back(FieldNameText(*alias));
			}
		} else if (child->is_type<g::nodrop>()) {
			xml.nodrop = true;
		}
	}
	CheckPathCount(parse_node, "parse xml", xml.paths.size(), xml.aliases.size());
	query_.operators.push_back({SpanOf(parse_node), std::move(xml)});
}

// The parts of `json auto` sit one or two levels down, under `json_auto` and `json_auto_keys`.
void AstBuilder::CollectJsonParts(const Node &node, ast::JsonOperator &json) const {
	for (const auto &child : node.children) {
		if (child->is_type<g::field_option>()) {
			json.field = FieldNameText(*child->children.front());
		} else if (child->is_type<g::string_literal>()) {
			json.paths.push_back(Unescape(LiteralBody(*child)));
			json.path_spans.push_back(SpanOf(*child));
		} else if (child->is_type<g::alias_list>()) {
			for (const auto &alias : child->children) {
				json.aliases.push_back(FieldNameText(*alias));
			}
		} else if (child->is_type<g::json_pair_alias>()) {
			json.aliases.push_back(FieldNameText(*child->children.front()));
		} else if (child->is_type<g::nodrop>()) {
			json.nodrop = true;
		} else if (child->is_type<g::json_auto>()) {
			json.auto_mode = true;
			CollectJsonParts(*child, json);
		} else if (child->is_type<g::json_auto_keys>()) {
			CollectJsonParts(*child, json);
		} else if (child->is_type<g::refonly>()) {
			json.refonly = true;
		} else if (child->is_type<g::extractarrays>()) {
			json.extract_arrays = true;
		} else if (child->is_type<g::maxdepth_number>()) {
			const std::string_view digits = child->string_view();
			int depth = 0;
			const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), depth);
			if (result.ec != std::errc() || depth < 1) {
				Fail(SpanOf(*child), "'maxdepth' needs a whole number of at least 1", "for example: json auto maxdepth 2");
			}
			json.max_depth = depth;
		}
	}
}

void AstBuilder::BuildKeyValue(const Node &node) {
	ast::KeyValueOperator kv;
	for (const auto &child : node.children) {
		if (child->is_type<g::field_option>()) {
			kv.field = FieldNameText(*child->children.front());
		} else if (child->is_type<g::kv_auto>()) {
			kv.auto_mode = true;
		} else if (child->is_type<g::kv_regex>()) {
			const Node &pattern = *child->children.front();
			kv.regex = Unescape(LiteralBody(pattern));
			kv.regex_span = SpanOf(pattern);
		} else if (child->is_type<g::kv_delim>()) {
			kv.delimiter = Unescape(LiteralBody(*child->children.front()));
			if (kv.delimiter->empty()) {
				Fail(SpanOf(*child), "'delim' needs a separator of at least one character",
				     "for example: kv auto delim \":\"");
			}
		} else if (child->is_type<g::refonly>()) {
			kv.refonly = true;
		} else if (child->is_type<g::kv_key_list>()) {
			for (const auto &key : child->children) {
				kv.keys.push_back(Unescape(LiteralBody(*key)));
				kv.key_spans.push_back(SpanOf(*key));
			}
		} else if (child->is_type<g::alias_list>()) {
			for (const auto &alias : child->children) {
				kv.aliases.push_back(FieldNameText(*alias));
			}
		} else if (child->is_type<g::nodrop>()) {
			kv.nodrop = true;
		}
	}

	if (kv.keys.empty() && !kv.auto_mode) {
		Fail(SpanOfLeadingWord(node), "the keyvalue operator needs at least one quoted key",
		     "for example: kv \"user\", \"src_ip\"");
	}
	CheckPathCount(node, "keyvalue", kv.keys.size(), kv.aliases.size(), "key");
	query_.operators.push_back({SpanOf(node), std::move(kv)});
}

// The character between the single quotes of an option value such as `delim=':'`.
char OptionCharacter(const Node &option) {
	return option.children.front()->string_view()[1];
}

// Positional columns follow the previous column, so in `a, b, 5 as e, f` the column f is 6.
void AstBuilder::BuildSplit(const Node &node) {
	ast::SplitOperator split;
	std::size_t next_position = 1;
	for (const auto &child : node.children) {
		if (child->is_type<g::field_name>() && split.field.empty()) {
			split.field = FieldNameText(*child);
		} else if (child->is_type<g::delimiter_option>()) {
			split.delimiter = OptionCharacter(*child);
		} else if (child->is_type<g::quote_option>()) {
			split.quote = OptionCharacter(*child);
		} else if (child->is_type<g::escape_option>()) {
			split.escape = OptionCharacter(*child);
		} else if (child->is_type<g::skipped_column>()) {
			next_position++;
		} else if (child->is_type<g::field_name>()) {
			split.columns.push_back({next_position++, FieldNameText(*child)});
		} else if (child->is_type<g::indexed_column>()) {
			const Node &index = *child->children[0];
			std::size_t position = 0;
			const std::string_view digits = index.string_view();
			const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), position);
			if (result.ec != std::errc() || position == 0) {
				Fail(SpanOf(index), fmt::format("invalid column position '{}'", digits),
				     "positions count from 1, as in extract 1 as user");
			}
			split.columns.push_back({position, FieldNameText(*child->children[1])});
			next_position = position + 1;
		}
	}

	if (split.delimiter == split.quote || split.delimiter == split.escape || split.quote == split.escape) {
		Fail(SpanOfLeadingWord(node), "the delimiter, quote and escape characters must differ",
		     "the defaults are delim=',', quote='\"' and escape='\\'");
	}
	query_.operators.push_back({SpanOf(node), std::move(split)});
}

void AstBuilder::BuildEval(const Node &node) {
	RecordExtension(ast::ExtensionKind::kEvalOperator, SpanOfLeadingWord(node));

	for (const auto &pair : node.children) {
		const Node &target = *pair->children[0];

		ast::AssignOperator assign;
		assign.target = FieldNameText(target);
		assign.target_span = SpanOf(target);
		assign.value = BuildExpression(*pair->children[1], 0);
		assign.from_eval = true;
		// The first stage starts at 'eval', so explain and stage counts place it there.
		SourceSpan span = SpanOf(*pair);
		if (pair == node.children.front()) {
			const SourceSpan whole = SpanOf(node);
			span = SpanAtOffset(whole.offset, span.offset + span.length - whole.offset);
		}
		query_.operators.push_back({span, std::move(assign)});
	}
}

// `a as x, b as y` becomes one assignment stage per pair, run left to right, so `y` may use `x`.
void AstBuilder::BuildExpressionStage(const Node &node) {
	const Node &value_node = *node.children[0];

	ast::AssignOperator assign;
	assign.value = BuildExpression(value_node, 0);
	if (node.children.size() > 1) {
		for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
			ast::AssignOperator pair;
			pair.value = i == 0 ? std::move(assign.value) : BuildExpression(*node.children[i], 0);
			const Node &target = *node.children[i + 1];
			pair.target = FieldNameText(target);
			pair.target_span = SpanOf(target);
			query_.operators.push_back({SpanOf(node), std::move(pair)});
		}
		return;
	}

	// Without `as`, only a conversion of a single field may stand, and it writes back to that field.
	// A predicate may stand too: Sumo's docs show `| isPublicIP(dest_host)` without saying where
	// the result goes, so it is computed for its row drops and stored nowhere, with a warning.
	const auto *call = std::get_if<ast::FunctionCall>(&assign.value->node);
	if (call != nullptr && IsPredicate(call->name)) {
		query_.bare_predicates.push_back(SpanOf(value_node));
		query_.operators.push_back({SpanOf(node), std::move(assign)});
		return;
	}
	const bool converts_field = call != nullptr && IsInPlaceConversion(call->name) &&
	                            call->arguments.size() == 1 &&
	                            std::holds_alternative<ast::FieldReference>(call->arguments[0]->node);
	if (!converts_field) {
		Fail(SpanAfter(value_node), g::kMissingAssignTarget, g::kMissingAssignTargetHint);
	}

	const ast::Expression &argument = *call->arguments[0];
	assign.target = std::get<ast::FieldReference>(argument.node).name;
	assign.target_span = argument.span;
	query_.operators.push_back({SpanOf(node), std::move(assign)});
}

void AstBuilder::BuildFields(const Node &node) {
	ast::FieldsOperator fields;
	std::set<std::string> seen;
	for (const auto &child : node.children) {
		if (child->is_type<g::fields_exclusion>()) {
			fields.exclude = true;
			continue;
		}

		std::string name = FieldNameText(*child);
		// Field names are case-insensitive, so `a, A` repeats a field too. The repeat is dropped,
		// so the field shows once.
		if (!seen.insert(ToLower(name)).second) {
			RecordExtension(ast::ExtensionKind::kDuplicateFieldsName, SpanOf(*child), ToLower(name));
			continue;
		}
		fields.names.push_back(std::move(name));
		fields.name_spans.push_back(SpanOf(*child));
	}
	query_.operators.push_back({SpanOf(node), std::move(fields)});
}

ast::SortKey AstBuilder::BuildSortKey(const Node &node) const {
	ast::SortKey key;
	key.span = SpanOf(node);
	for (const auto &part : node.children) {
		if (part->is_type<g::field_name>()) {
			key.field = FieldNameText(*part);
		} else if (part->is_type<g::ascending_prefix>() || part->is_type<g::kw_asc>()) {
			key.descending = false;
		} else if (part->is_type<g::descending_prefix>() || part->is_type<g::kw_desc>()) {
			key.descending = true;
		}
	}
	return key;
}

void AstBuilder::BuildSort(const Node &node) {
	ast::SortOperator sort;
	for (const auto &key_node : node.children) {
		sort.keys.push_back(BuildSortKey(*key_node));
	}
	query_.operators.push_back({SpanOf(node), std::move(sort)});
}

// Reads a row count such as the N of `limit N`. Counts too large for 64 bits saturate, so that
// the range check of the operator reports them.
std::uint64_t AstBuilder::RowCount(const Node &node) const {
	std::uint64_t count = 0;
	const std::string_view text = node.string_view();
	const auto result = std::from_chars(text.data(), text.data() + text.size(), count);
	if (result.ec == std::errc::result_out_of_range) {
		count = std::numeric_limits<std::uint64_t>::max();
	}
	return count;
}

ast::ByField ByFieldOf(const Node &node, SourceSpan span) {
	return ast::ByField {FieldNameText(node), span};
}

void AstBuilder::BuildLimit(const Node &node) {
	const Node &count_node = *node.children.front();
	ast::LimitOperator limit;
	limit.count = RowCount(count_node);
	if (limit.count > 10000) {
		Fail(SpanOf(count_node), g::kLimitTooLarge, g::kLimitTooLargeHint);
	}
	query_.operators.push_back({SpanOf(node), limit});
}

void AstBuilder::BuildDedup(const Node &node) {
	ast::DedupOperator dedup;
	for (const auto &child : node.children) {
		if (child->is_type<g::kw_consecutive>()) {
			dedup.consecutive = true;
		} else if (child->is_type<g::row_count>()) {
			dedup.count = RowCount(*child);
			if (dedup.count == 0) {
				Fail(SpanOf(*child), g::kCountNotPositive, "dedup keeps N rows per key, so write 1 or more");
			}
		} else if (child->is_type<g::by_field>()) {
			dedup.keys.push_back(ByFieldOf(*child, SpanOf(*child)));
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(dedup)});
}

template <typename FieldSum>
void AstBuilder::BuildFieldSum(const Node &node) {
	FieldSum sum;
	for (const auto &child : node.children) {
		if (child->is_type<g::field_name>()) {
			sum.field = FieldNameText(*child);
			sum.field_span = SpanOf(*child);
		} else if (child->is_type<g::result_alias>()) {
			sum.alias = FieldNameText(*child->children.front());
		} else if (child->is_type<g::by_field>()) {
			sum.keys.push_back(ByFieldOf(*child, SpanOf(*child)));
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(sum)});
}

ast::TableSource AstBuilder::BuildTableSource(const Node &node) {
	ast::TableSource table;
	table.span = SpanOf(node);
	table.library_path = node.is_type<g::library_path>();
	table.location = table.library_path ? Unescape(LiteralBody(*node.children.front())) : node.string();

	// geo://, asn:// and sumo:// name data that only a Sumo Logic tenant has. Web addresses and
	// saved-table names such as shared/statusupdates can be mapped to local files.
	const std::size_t scheme_end = table.location.find("://");
	if (!table.library_path && scheme_end != std::string::npos) {
		std::string scheme = ToLower(std::string_view(table.location).substr(0, scheme_end + 3));
		if (scheme != "http://" && scheme != "https://") {
			query_.unsupported.push_back({std::move(scheme), table.location, table.span});
		}
	}
	return table;
}

void AstBuilder::BuildLookup(const Node &node) {
	ast::LookupOperator lookup;
	for (const auto &child : node.children) {
		if (child->is_type<g::all_columns>()) {
			lookup.all_columns = true;
		} else if (child->is_type<g::output_column>()) {
			ast::LookupColumn column;
			column.column = FieldNameText(*child->children.front());
			column.span = SpanOf(*child->children.front());
			if (child->children.size() > 1) {
				column.alias = FieldNameText(*child->children.back()->children.front());
			}
			lookup.columns.push_back(std::move(column));
		} else if (child->is_type<g::library_path>() || child->is_type<g::table_location>()) {
			lookup.table = BuildTableSource(*child);
		} else if (child->is_type<g::join_condition>()) {
			const Node &column = *child->children.back();
			lookup.joins.push_back({FieldNameText(*child->children.front()), FieldNameText(column), SpanOf(column)});
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(lookup)});
}

void AstBuilder::BuildTranspose(const Node &node) {
	ast::TransposeOperator transpose;
	for (const auto &child : node.children) {
		if (child->is_type<g::row_field>()) {
			transpose.rows.push_back(ByFieldOf(*child, SpanOf(*child)));
		} else if (child->is_type<g::column_field>()) {
			transpose.columns.push_back(ByFieldOf(*child, SpanOf(*child)));
		} else if (child->is_type<g::transpose_outputs>()) {
			// An `as` list shows only its fields, unless it also has `*`.
			transpose.show_dynamic = false;
			for (const auto &output : child->children) {
				if (output->is_type<g::dynamic_fields>()) {
					transpose.show_dynamic = true;
				} else {
					transpose.outputs.push_back(FieldNameText(*output));
				}
			}
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(transpose)});
}

ast::AggregateKind AggregateKindOf(std::string_view lowered_name) {
	static const std::pair<std::string_view, ast::AggregateKind> kKinds[] = {
	    {"count", ast::AggregateKind::kCount},
	    {"count_distinct", ast::AggregateKind::kCountDistinct},
	    {"sum", ast::AggregateKind::kSum},
	    {"avg", ast::AggregateKind::kAvg},
	    {"min", ast::AggregateKind::kMin},
	    {"max", ast::AggregateKind::kMax},
	    {"pct", ast::AggregateKind::kPercentile},
	    {"pct_sampling", ast::AggregateKind::kPercentile},
	    {"median", ast::AggregateKind::kPercentile},
	    {"stddev", ast::AggregateKind::kStddev},
	    {"first", ast::AggregateKind::kFirst},
	    {"last", ast::AggregateKind::kLast},
	    {"most_recent", ast::AggregateKind::kMostRecent},
	    {"least_recent", ast::AggregateKind::kLeastRecent},
	    {"values", ast::AggregateKind::kValues},
	};
	for (const auto &[name, kind] : kKinds) {
		if (name == lowered_name) {
			return kind;
		}
	}
	FailInternal("aggregate", lowered_name);
}

//! Returns the node inside any parentheses around `node`.
const Node &InnermostOperand(const Node &node) {
	const Node *inner = &node;
	while (inner->is_type<g::parenthesized>() ||
	       (!inner->is_type<g::field_name>() && inner->children.size() == 1)) {
		inner = inner->children.front().get();
	}
	return *inner;
}

ast::AggregateCall AstBuilder::BuildAggregateCall(const Node &node) {
	ast::AggregateCall call;
	call.span = SpanOf(node);
	for (const auto &part : node.children) {
		if (part->is_type<g::field_aggregate_name>() || part->is_type<g::min_max_name>() ||
		    part->is_type<g::percentile_name>() || part->is_type<g::kw_count>()) {
			call.name = part->string();
			call.kind = AggregateKindOf(ToLower(call.name));
		} else if (part->is_type<g::field_name>()) {
			call.field = FieldNameText(*part);
			call.field_span = SpanOf(*part);
		} else if (part->is_type<g::argument_expression>()) {
			auto argument = BuildExpression(*part->children.front(), 0);
			// A field in parentheses, as in `sum((x))`, is still a field.
			if (const auto *field = std::get_if<ast::FieldReference>(&argument->node)) {
				call.field = field->name;
				call.field_span = SpanOf(InnermostOperand(*part->children.front()));
				continue;
			}
			call.argument = std::move(argument);
			call.field_span = SpanOf(*part);
			RecordExtension(ast::ExtensionKind::kAggregateExpressionArgument, call.field_span);
		} else if (part->is_type<g::percentile>()) {
			call.percentiles.push_back(NumberValue(part->string_view()));
			call.percentile_texts.push_back(part->string());
		} else if (part->is_type<g::aggregate_alias>()) {
			call.alias = FieldNameText(*part->children.front());
		}
	}

	// `median(f)` is `pct(f, 50)`, and `pct(f)` without percentiles is the median as well.
	if (call.kind == ast::AggregateKind::kPercentile && call.percentiles.empty()) {
		call.percentiles.push_back(50);
		call.percentile_texts.emplace_back("50");
	}
	if (call.percentiles.size() > 1 && call.alias) {
		Fail(call.span, "'as' cannot name several percentiles",
		     "give each percentile its own pct call with its own alias, or drop 'as' to get _field_pct_N names");
	}
	for (std::size_t i = 0; i < call.percentiles.size(); i++) {
		if (call.percentiles[i] < 0 || call.percentiles[i] > 100) {
			Fail(call.span, fmt::format("percentile {} is outside 0 to 100", call.percentile_texts[i]),
			     "pct(x, 50) is the median and pct(x, 99.9) the 99.9th percentile");
		}
	}
	return call;
}

void AstBuilder::BuildAggregate(const Node &node) {
	ast::AggregateOperator aggregate;
	const Node *count_keys = nullptr;
	for (const auto &child : node.children) {
		if (child->is_type<g::aggregate_item>()) {
			aggregate.calls.push_back(BuildAggregateCall(*child));
		} else if (child->is_type<g::count_keys>()) {
			count_keys = child.get();
		} else if (child->is_type<g::by_field>()) {
			aggregate.keys.push_back({FieldNameText(*child), SpanOf(*child)});
		} else if (child->is_type<g::trailing_alias>()) {
			ast::AggregateCall &last = aggregate.calls.back();
			if (aggregate.calls.size() > 1 || last.alias || last.percentiles.size() > 1) {
				Fail(SpanOf(*child->children.front()), "'as' after 'by' may only name a stage's single aggregate",
				     "put 'as name' right after each aggregate: sum(a) as sa, sum(b) as sb by g");
			}
			last.alias = FieldNameText(*child->children.front());
		}
	}

	if (count_keys != nullptr) {
		const ast::AggregateCall &call = aggregate.calls.back();
		if (aggregate.calls.size() > 1 || call.kind != ast::AggregateKind::kCount || !call.field.empty()) {
			Fail(SpanOf(*count_keys), "only a bare 'count' may be followed by fields without 'by'",
			     "write 'by' before the fields to group by");
		}
		if (!aggregate.keys.empty()) {
			Fail(SpanOf(*count_keys), "'count a, b' already groups by a and b, so it cannot take 'by' as well",
			     "write count by a, b");
		}
		for (const auto &key : count_keys->children) {
			aggregate.keys.push_back({FieldNameText(*key), SpanOf(*key)});
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(aggregate)});
}

void AstBuilder::BuildCountFrequent(const Node &node) {
	ast::AggregateOperator aggregate;
	aggregate.count_frequent = true;
	ast::AggregateCall call;
	call.name = "count_frequent";
	call.span = SpanOfLeadingWord(node);
	call.alias = "_approxcount";
	aggregate.calls.push_back(std::move(call));
	for (const auto &child : node.children) {
		aggregate.keys.push_back({FieldNameText(*child), SpanOf(*child)});
	}
	query_.operators.push_back({SpanOf(node), std::move(aggregate)});
}

// A slice width is a time span: a number with one of the suffixes w, d, h, m, s or ms.
bool HasTimeSuffix(std::string_view number_text) {
	for (std::string_view suffix : {"ms", "w", "d", "h", "m", "s"}) {
		if (number_text.ends_with(suffix)) {
			return !number_text.ends_with("ns") && !number_text.ends_with("us");
		}
	}
	return false;
}

// Reads the width of a time slice, such as `15m`, in milliseconds.
double AstBuilder::SliceWidth(const Node &node, const char *hint) const {
	if (!HasTimeSuffix(node.string_view())) {
		Fail(SpanOf(node), fmt::format("'{}' is not a time span", node.string_view()), hint);
	}
	double width_ms = NumberValue(node.string_view());
	if (width_ms < 1) {
		Fail(SpanOf(node), "the slice width must be at least 1 millisecond", "for example: timeslice 1m");
	}
	return width_ms;
}

void AstBuilder::BuildTimeslice(const Node &node) {
	ast::TimesliceOperator timeslice;
	for (const auto &child : node.children) {
		if (child->is_type<g::timeslice_width>()) {
			timeslice.width_ms = SliceWidth(*child, "give a width with a unit, such as 1m, 5m, 1h or 1d, or a count "
			                                        "such as 100 buckets");
		} else if (child->is_type<g::timeslice_buckets>()) {
			const Node &count = *child->children.front();
			timeslice.buckets = NumberValue(count.string_view());
			if (*timeslice.buckets < 1 || count.string_view().find_first_not_of("0123456789") != std::string_view::npos) {
				Fail(SpanOf(count), fmt::format("'{}' is not a whole number of buckets", count.string_view()),
				     "for example: timeslice 100 buckets");
			}
		} else if (child->is_type<g::timeslice_alias>()) {
			timeslice.alias = FieldNameText(*child->children.front());
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(timeslice)});
}

void AstBuilder::BuildTopk(const Node &node) {
	ast::TopkOperator topk;
	for (const auto &child : node.children) {
		if (child->is_type<g::row_count>()) {
			topk.count = RowCount(*child);
			if (topk.count == 0) {
				Fail(SpanOf(*child), g::kCountNotPositive, "topk keeps the n largest rows, so write 1 or more");
			}
		} else if (child->is_type<g::ranked_field>()) {
			topk.ranked.push_back(ByFieldOf(*child, SpanOf(*child)));
		} else if (child->is_type<g::by_field>()) {
			topk.keys.push_back(ByFieldOf(*child, SpanOf(*child)));
		}
	}
	if (topk.ranked.empty()) {
		Fail(SpanAfter(node), "expected a field to rank by after the count", "for example: topk(5, _count)");
	}
	query_.operators.push_back({SpanOf(node), std::move(topk)});
}

void AstBuilder::SetOutlierOption(const Node &option, ast::OutlierOperator &outlier) const {
	const std::string name = ToLower(option.children.front()->string_view());
	const Node &value_node = *option.children.back();
	const std::string value = value_node.string();
	const SourceSpan span = SpanOf(value_node);

	if (name == "direction") {
		if (value == "+-" || value == "-+") {
			outlier.direction = ast::OutlierDirection::kBoth;
		} else if (value == "+") {
			outlier.direction = ast::OutlierDirection::kAbove;
		} else if (value == "-") {
			outlier.direction = ast::OutlierDirection::kBelow;
		} else {
			Fail(span, fmt::format("invalid outlier direction '{}'", value), "write direction=+-, direction=+ or direction=-");
		}
		return;
	}

	char *end = nullptr;
	const double number = std::strtod(value.c_str(), &end);
	const bool whole = name != "threshold";
	if (end != value.c_str() + value.size() || !(number > 0) || (whole && number != std::floor(number)) ||
	    number > 1e6) {
		Fail(span, fmt::format("invalid outlier {} '{}'", name, value),
		     whole ? fmt::format("{} takes a whole number from 1 to 1000000, as in {}=5", name, name)
		           : std::string("threshold takes a number of standard deviations above 0, as in threshold=3"));
	}
	if (name == "window") {
		outlier.window = static_cast<std::uint64_t>(number);
	} else if (name == "consecutive") {
		outlier.consecutive = static_cast<std::uint64_t>(number);
	} else {
		outlier.threshold = number;
	}
}

void AstBuilder::BuildOutlier(const Node &node) {
	ast::OutlierOperator outlier;
	for (const auto &child : node.children) {
		if (child->is_type<g::outlier_field>()) {
			outlier.field = FieldNameText(*child->children.front());
			outlier.field_span = SpanOf(*child->children.front());
		} else if (child->is_type<g::by_field>()) {
			outlier.keys.push_back(ByFieldOf(*child, SpanOf(*child)));
		} else if (child->is_type<g::outlier_option>()) {
			SetOutlierOption(*child, outlier);
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(outlier)});
}

// `by count` names the number of rows, as the top page's example `top 5 _sourceCategory by count`
// shows; `%"count"` is a field of that name.
bool IsCountRanking(const Node &sort_key) {
	for (const auto &part : sort_key.children) {
		if (part->is_type<g::field_name>()) {
			return ToLower(part->string_view()) == "count";
		}
	}
	return false;
}

void AstBuilder::BuildTop(const Node &node) {
	ast::TopOperator top;
	bool by_count = false;
	for (const auto &child : node.children) {
		if (child->is_type<g::row_count>()) {
			top.count = RowCount(*child);
			if (top.count == 0) {
				Fail(SpanOf(*child), g::kCountNotPositive, "top keeps the N first-ranked rows, so write 1 or more");
			}
		} else if (child->is_type<g::top_field>()) {
			top.fields.push_back(ByFieldOf(*child, SpanOf(*child)));
		} else if (child->is_type<g::sort_key>() && IsCountRanking(*child)) {
			if (node.children.back().get() != child.get() || by_count || !top.ranking.empty()) {
				Fail(SpanOf(*child), "'by count' cannot be combined with other ranking fields",
				     "rank by count alone, or count first: count by a | top 10 a by _count, b");
			}
			if (!BuildSortKey(*child).descending) {
				Fail(SpanOf(*child), "top ranks counts largest first, so 'by count' takes no direction",
				     "for the smallest counts, write count by a | sort by _count asc | limit 10");
			}
			by_count = true;
		} else if (child->is_type<g::sort_key>()) {
			top.ranking.push_back(BuildSortKey(*child));
		}
	}
	if (top.fields.empty() && top.ranking.empty()) {
		Fail(SpanAfter(node), "expected the fields to rank after the count",
		     "for example: top 10 src_ip, or top 10 src_ip by bytes");
	}
	query_.operators.push_back({SpanOf(node), std::move(top)});
}

ast::FillGenerator AstBuilder::BuildFillGenerator(const Node &node) {
	ast::FillGenerator generator;
	generator.span = SpanOf(node);
	if (node.is_type<g::timeslice_generator>()) {
		generator.kind = ast::FillGenerator::Kind::kTimeslice;
		generator.field = "_timeslice";
	}
	for (const auto &child : node.children) {
		if (child->is_type<g::generator_width>()) {
			generator.width_ms = SliceWidth(*child, "give a width with a unit of w, d, h, m or s, such as timeslice(15m)");
		} else if (child->is_type<g::generator_value>()) {
			generator.values.push_back(Unescape(LiteralBody(*child)));
		} else if (child->is_type<g::all_values>()) {
			generator.kind = ast::FillGenerator::Kind::kAllValues;
		} else if (child->is_type<g::field_name>()) {
			generator.field = FieldNameText(*child);
		}
	}
	return generator;
}

ast::FillConstant AstBuilder::BuildFillConstant(const Node &node) const {
	ast::FillConstant constant;
	bool negative = false;
	for (const auto &child : node.children) {
		if (child->is_type<g::negative_sign>()) {
			negative = true;
		} else if (child->is_type<g::number_literal>()) {
			constant.kind = ast::FillConstant::Kind::kNumber;
			constant.number = NumberValue(child->string_view());
		} else if (child->is_type<g::string_literal>()) {
			constant.kind = ast::FillConstant::Kind::kString;
			constant.text = Unescape(LiteralBody(*child));
		} else if (child->is_type<g::field_name>()) {
			constant.field = FieldNameText(*child);
			constant.span = SpanOf(*child);
		}
	}
	if (negative) {
		constant.number = -constant.number;
	}
	return constant;
}

void AstBuilder::BuildFillmissing(const Node &node) {
	ast::FillmissingOperator fillmissing;
	for (const auto &child : node.children) {
		if (child->is_type<g::timeslice_generator>() || child->is_type<g::values_generator>()) {
			fillmissing.generators.push_back(BuildFillGenerator(*child));
		} else if (child->is_type<g::fill>()) {
			fillmissing.constants.push_back(BuildFillConstant(*child));
		} else if (child->is_type<g::take_last>()) {
			fillmissing.take_last = true;
		}
	}
	query_.operators.push_back({SpanOf(node), std::move(fillmissing)});
}

// ---------------------------------------------------------------------------------------------
// Parse errors
// ---------------------------------------------------------------------------------------------

std::string_view NameAt(std::string_view text, std::size_t offset) {
	std::size_t end = offset;
	while (end < text.size() && IsNameCharacter(text[end])) {
		++end;
	}
	return text.substr(offset, end - offset);
}

//! The names of the aggregate functions, for the hint on a misspelled one.
constexpr std::array<std::string_view, 15> kAggregateNames = {
    "count", "count_distinct", "count_frequent", "sum",   "avg",   "min",         "max",         "pct",
    "median", "stddev",        "first",          "last",  "values", "most_recent", "least_recent"};

//! Returns the function name of the stage that ends at `offset`, when the stage is one call such
//! as `count_distinc(user)`, and "" otherwise.
std::string_view CallStageNameBefore(std::string_view text, std::size_t offset) {
	std::size_t pipe = text.rfind('|', offset == 0 ? 0 : offset - 1);
	if (pipe == std::string_view::npos) {
		return {};
	}
	std::string_view stage = text.substr(pipe + 1, offset - pipe - 1);
	while (!stage.empty() && std::isspace(static_cast<unsigned char>(stage.front()))) {
		stage.remove_prefix(1);
	}
	while (!stage.empty() && std::isspace(static_cast<unsigned char>(stage.back()))) {
		stage.remove_suffix(1);
	}
	std::string_view name = NameAt(stage, 0);
	bool is_call = !name.empty() && stage.size() > name.size() + 1 && stage[name.size()] == '(' && stage.back() == ')';
	return is_call ? name : std::string_view();
}

//! Rewrites the diagnostic of `by` after a stage that calls a function that is not an aggregate,
//! such as `| count_distinc(user) by host`, which otherwise reads as a missing '|'.
void DiagnoseMisspelledAggregate(std::string_view query_text, std::size_t offset, Diagnostic &diagnostic) {
	std::string_view name = CallStageNameBefore(query_text, offset);
	if (name.empty()) {
		return;
	}
	std::string_view closest;
	std::size_t closest_distance = 3;
	for (std::string_view aggregate : kAggregateNames) {
		std::size_t distance = EditDistance(name, aggregate);
		if (distance < closest_distance) {
			closest = aggregate;
			closest_distance = distance;
		}
	}
	// The caret moves from 'by' to the name.
	diagnostic.span = SpanAtOffset(query_text, static_cast<std::size_t>(name.data() - query_text.data()), name.size());
	diagnostic.message = fmt::format("'{}' is not an aggregate function, so 'by' cannot follow it", name);
	diagnostic.hint = closest.empty()
	                      ? "an aggregation is one of count, count_distinct, sum, avg, min, max, pct, median, stddev, "
	                        "first, last, values, most_recent and least_recent, followed by 'by'"
	                      : fmt::format("did you mean '{}'?", closest);
}

Diagnostic DiagnoseParseError(const pegtl::parse_error &error, const ParseState &state,
                              std::string_view query_text) {
	Diagnostic diagnostic;
	diagnostic.kind = DiagnosticKind::kSyntax;
	std::size_t offset = 0;
	if (!error.positions().empty()) {
		const pegtl::position &position = error.positions().front();
		offset = position.byte;
		diagnostic.span.line = static_cast<std::uint32_t>(position.line);
		diagnostic.span.column = static_cast<std::uint32_t>(position.column);
	}
	diagnostic.span.offset = static_cast<std::uint32_t>(offset);
	diagnostic.span.length = 1;

	// Only the depth limit throws without passing through ErrorControl::raise.
	if (state.hint == nullptr) {
		diagnostic.message = g::kNestingTooDeep;
		diagnostic.hint = g::kNestingTooDeepHint;
		return diagnostic;
	}

	const std::size_t moved = SkipBlanksOnLine(query_text, offset);
	diagnostic.span.column += static_cast<std::uint32_t>(moved - offset);
	diagnostic.span.offset = static_cast<std::uint32_t>(moved);
	diagnostic.message = std::string(error.message());
	diagnostic.hint = state.hint;

	if (diagnostic.message.find("{}") != std::string::npos) {
		const std::string_view name = NameAt(query_text, moved);
		diagnostic.message = fmt::format(fmt::runtime(diagnostic.message), name);
		diagnostic.span.length = static_cast<std::uint32_t>(std::max<std::size_t>(name.size(), 1));
	}
	if (state.hint == g::error_hint<g::stage_end> && EqualsIgnoringCase(NameAt(query_text, moved), "by")) {
		DiagnoseMisspelledAggregate(query_text, moved, diagnostic);
	}
	return diagnostic;
}

} // namespace

ast::Query ParseQuery(std::string_view query_text) {
	// Spans hold 32-bit offsets.
	if (query_text.size() > std::numeric_limits<std::uint32_t>::max()) {
		Diagnostic diagnostic;
		diagnostic.kind = DiagnosticKind::kSyntax;
		diagnostic.message = g::kQueryTooLong;
		throw QueryError({std::move(diagnostic)});
	}

	pegtl::memory_input input(query_text.data(), query_text.size(), "query");
	ParseState state;
	std::unique_ptr<Node> root;
	try {
		root = parse_tree::parse<g::query, Selector, DepthLimit, ErrorControl>(input, state);
	} catch (const pegtl::parse_error &error) {
		throw QueryError({DiagnoseParseError(error, state, query_text)});
	}

	// The top rule raises on every failure, so a null tree means a grammar bug.
	if (root == nullptr) {
		FailInternal("missing", "query");
	}
	return AstBuilder(query_text).Build(*root);
}

} // namespace sumoql
