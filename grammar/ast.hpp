#pragma once

// The typed syntax tree of a query. Nodes own their text and carry the span they were parsed
// from, so that checks after parsing can point at a column. Nothing here depends on PEGTL.

#include "grammar/source_span.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sumoql::ast {

// ---------------------------------------------------------------------------------------------
// Expressions (where, if, ?:, `expr as field`, function arguments)
// ---------------------------------------------------------------------------------------------

struct Expression;
using ExpressionPtr = std::unique_ptr<Expression>;

//! A number literal with its suffix already applied (`2k` is 2000, `5m` is 300000).
struct NumberLiteral {
	double value = 0;
	std::string text;
};

//! A double-quoted string literal after unescaping (`\"`, `\\`, `\n`, `\t`, `\r`; other pairs kept).
struct StringLiteral {
	std::string value;
	std::string raw_text;
};

struct BooleanLiteral {
	bool value = false;
};

struct NullLiteral {};

//! A field reference: `name`, `a.b.c` or `%"odd name"`. Resolution is case-insensitive.
struct FieldReference {
	std::string name;
};

enum class UnaryOperator { kNegate, kNot };

struct UnaryExpression {
	UnaryOperator op = UnaryOperator::kNot;
	ExpressionPtr operand;
	//! True for `!x matches p` and similar: `!` written directly before a relational operand
	//! without parentheses. Real Sumo documents only `!(x matches p)`.
	bool unparenthesized_not = false;
};

enum class BinaryOperator {
	kAdd,
	kSubtract,
	kMultiply,
	kDivide,
	kModulo,
	kEqual,
	kNotEqual,
	kLess,
	kLessEqual,
	kGreater,
	kGreaterEqual,
	kAnd,
	kOr,
};

//! Returns the operator as a query writes it, such as `>=` or `and`.
std::string_view SpellingOf(BinaryOperator op);

struct BinaryExpression {
	BinaryOperator op = BinaryOperator::kAnd;
	ExpressionPtr left;
	ExpressionPtr right;
};

//! `subject matches "wild*card"`, `subject matches pattern_expr` or `subject matches /regex/`.
struct MatchesExpression {
	ExpressionPtr subject;
	//! Set for the string form; the pattern may be any string expression.
	ExpressionPtr pattern;
	//! Set for the `/regex/` form: the text between the slashes, passed to RE2 unchanged.
	std::optional<std::string> regex;
};

//! `subject in (a, b, ...)` or `subject not in (...)`.
struct InExpression {
	ExpressionPtr subject;
	std::vector<ExpressionPtr> items;
	bool negated = false;
};

//! A function call such as `if(c, a, b)`, `isNull(x)` or `num(x)`. `a contains b` is parsed as
//! the call `contains(a, b)`. `name` keeps the spelling of the query text.
struct FunctionCall {
	std::string name;
	std::vector<ExpressionPtr> arguments;
	//! A `/regex/` argument, such as the pattern of `replace(s, /re/, "x")`, by argument index.
	std::vector<std::optional<std::string>> regex_arguments;
};

//! `condition ? then : else`.
struct ConditionalExpression {
	ExpressionPtr condition;
	ExpressionPtr then_value;
	ExpressionPtr else_value;
};

struct Expression {
	SourceSpan span;
	std::variant<NumberLiteral, StringLiteral, BooleanLiteral, NullLiteral, FieldReference,
	             UnaryExpression, BinaryExpression, MatchesExpression, InExpression, FunctionCall,
	             ConditionalExpression>
	    node;
};

// ---------------------------------------------------------------------------------------------
// Scope: the keyword search expression before the first pipe
// ---------------------------------------------------------------------------------------------

struct ScopeNode;
using ScopeNodePtr = std::unique_ptr<ScopeNode>;

//! A bare word matched against the terms of `_raw`, with `*` and `?` wildcards.
struct ScopeKeyword {
	std::string text;
};

//! A quoted phrase whose terms must be adjacent in `_raw`.
struct ScopePhrase {
	std::string text;
};

//! `field=value`: a case-insensitive whole-value wildcard match against metadata or a field.
struct ScopeFieldTerm {
	std::string field;
	std::string value;
	bool quoted = false;
};

struct ScopeAnd {
	std::vector<ScopeNodePtr> terms;
};

struct ScopeOr {
	std::vector<ScopeNodePtr> terms;
};

struct ScopeNot {
	ScopeNodePtr term;
};

struct ScopeNode {
	SourceSpan span;
	std::variant<ScopeKeyword, ScopePhrase, ScopeFieldTerm, ScopeAnd, ScopeOr, ScopeNot> node;
};

// ---------------------------------------------------------------------------------------------
// Operators (one pipe stage each)
// ---------------------------------------------------------------------------------------------

//! `where <expr>`.
struct WhereOperator {
	ExpressionPtr condition;
};

//! `parse [field=F] "anchor * text" as a, b [nodrop]`. A parse with several patterns, as in
//! `parse "a=*," as a, "b=*," as b`, gives one such stage per pattern.
struct ParseAnchorOperator {
	std::optional<std::string> field;
	std::string pattern;
	SourceSpan pattern_span;
	std::vector<std::string> aliases;
	bool nodrop = false;
};

//! `parse regex [field=F] "re" [, "re"...] [multi] [nodrop]` and its synonym `extract`.
struct ParseRegexOperator {
	std::optional<std::string> field;
	std::vector<std::string> patterns;
	std::vector<SourceSpan> pattern_spans;
	bool multi = false;
	bool nodrop = false;
	//! True when the query wrote an anchor `parse` whose pattern has a named group, no `*`
	//! and no `as`. sumoql runs it as `parse regex`; real Sumo rejects it.
	bool promoted_from_anchor = false;
};

//! `parse xml [field=F] "/xpath", ... [as a, ...] [nodrop]`.
struct ParseXmlOperator {
	std::optional<std::string> field;
	std::vector<std::string> paths;
	std::vector<SourceSpan> path_spans;
	//! Empty without `as`, and otherwise one name per path.
	std::vector<std::string> aliases;
	bool nodrop = false;
};

//! `json [field=F] "path", ... [as a, ...] [nodrop]`, and `json auto` with its options.
struct JsonOperator {
	std::optional<std::string> field;
	//! JSONPath text after string unescaping: the explicit paths, or the keys of `json auto keys`.
	std::vector<std::string> paths;
	std::vector<SourceSpan> path_spans;
	//! Empty without `as`, and otherwise one name per path.
	std::vector<std::string> aliases;
	bool nodrop = false;
	bool auto_mode = false;
	//! `json auto maxdepth N`: values below depth N stay JSON text.
	std::optional<int> max_depth;
	//! `json auto extractarrays`: arrays of scalars become `key[0]`, `key[1]`, ...
	bool extract_arrays = false;
	//! `json auto keys ... refonly`: extract only the listed keys.
	bool refonly = false;
};

//! `keyvalue` / `kv`: in inference mode (the default) or with `regex "re"`, the value next to
//! each listed key, or with `auto` every pair found.
struct KeyValueOperator {
	std::optional<std::string> field;
	std::vector<std::string> keys;
	std::vector<SourceSpan> key_spans;
	//! Empty without `as`, and otherwise one name per key.
	std::vector<std::string> aliases;
	std::optional<std::string> regex;
	SourceSpan regex_span;
	bool auto_mode = false;
	//! `auto delim "s"`: the one separator between key and value.
	std::optional<std::string> delimiter;
	//! `auto keys ... refonly`: extract only the listed keys.
	bool refonly = false;
	bool nodrop = false;
};

//! One column that `split` or `csv` keeps: its 1-based position and its field name.
struct SplitColumn {
	std::size_t position = 0;
	std::string name;
};

//! `split FIELD [delim='c'] [quote='c'] [escape='c'] extract ...` and `csv FIELD ... extract ...`,
//! which is `split` with the delimiter fixed to a comma.
struct SplitOperator {
	std::string field;
	char delimiter = ',';
	char quote = '"';
	char escape = '\\';
	std::vector<SplitColumn> columns;
};

//! `expr as field`. Also the form of a bare cast (`| num(x)` assigns to `x`) and of each
//! `eval field = expr` pair.
struct AssignOperator {
	ExpressionPtr value;
	//! Empty for a bare predicate stage such as `| isPrivateIP(ip)`: the value is computed, for
	//! the rows it drops, and stored nowhere.
	std::string target;
	SourceSpan target_span;
	//! True when written as `eval target = value`, which is not Sumo syntax.
	bool from_eval = false;
};

//! `fields a, b` (keep only these, plus `_` system fields) or `fields - a, b` (drop these).
struct FieldsOperator {
	bool exclude = false;
	std::vector<std::string> names;
	std::vector<SourceSpan> name_spans;
};

struct SortKey {
	std::string field;
	bool descending = true;
	SourceSpan span;
};

//! `sort [by] key [asc|desc], ...` and its synonym `order`. Keys sort descending by default.
struct SortOperator {
	std::vector<SortKey> keys;
};

//! A field of a `by` list, with its place for messages.
struct ByField {
	std::string name;
	SourceSpan span;
};

//! `limit N`.
struct LimitOperator {
	std::uint64_t count = 0;
};

//! `dedup [consecutive] [N] [by a, b]`. Without `by`, rows are compared by `_raw`.
struct DedupOperator {
	bool consecutive = false;
	std::uint64_t count = 1;
	std::vector<ByField> keys;
};

//! The form shared by `total`, `accum` and `diff`: `OP field [as name] [by a, b]`.
struct FieldSumOperator {
	std::string field;
	SourceSpan field_span;
	std::optional<std::string> alias;
	std::vector<ByField> keys;
};

//! `total f`: the sum of f over all rows (or over each group), added to every row as `_total`.
struct TotalOperator : FieldSumOperator {};

//! `accum f`: the running sum of f in row order, as `_accum`.
struct AccumOperator : FieldSumOperator {};

//! `diff f`: f minus f of the previous row, as `_diff`.
struct DiffOperator : FieldSumOperator {};

//! `transpose row a column b [as x, y, *]`: one row per distinct row key, one field per distinct
//! column key value.
struct TransposeOperator {
	std::vector<ByField> rows;
	std::vector<ByField> columns;
	//! The `as` fields, shown first and in this order.
	std::vector<std::string> outputs;
	//! False when an `as` list without `*` limits the output to `outputs`.
	bool show_dynamic = true;
};

//! `topk(n, a, b) by g`: the n rows with the largest a (then b) in each group, with `_rank`.
struct TopkOperator {
	std::uint64_t count = 0;
	std::vector<ByField> ranked;
	std::vector<ByField> keys;
};

//! The direction of a deviation that `outlier` reports.
enum class OutlierDirection {
	kBoth,
	kAbove,
	kBelow,
};

//! `outlier f [by a, b] [window=N, threshold=T, consecutive=C, direction=+-]`: flags values of f
//! outside the mean plus or minus T standard deviations of the N values before them, per group.
//! The defaults are the docs': a window of 10, a threshold of 3, 1 consecutive point, and both
//! directions.
struct OutlierOperator {
	std::string field;
	SourceSpan field_span;
	std::vector<ByField> keys;
	std::uint64_t window = 10;
	double threshold = 3.0;
	std::uint64_t consecutive = 1;
	OutlierDirection direction = OutlierDirection::kBoth;
};

//! `top N a, b [by key, ...]`: the N combinations of a and b that rank first. Without `by`, or
//! with `by count`, they rank by their number of rows, output as `_count`. With ranking fields,
//! each combination takes the values of its first-ranked row. Without fields, the whole rows
//! are ranked.
struct TopOperator {
	std::uint64_t count = 0;
	std::vector<ByField> fields;
	//! The ranking fields, or empty to rank by the number of rows.
	std::vector<SortKey> ranking;
};

//! One generator of `fillmissing`: the values that one key field must have in the output.
struct FillGenerator {
	enum class Kind {
		//! `timeslice[(15m)] [in f]`: every time slice of the time range.
		kTimeslice,
		//! `values("a", "b") in f`.
		kValues,
		//! `values all in f`: every distinct value of f in the input rows.
		kAllValues,
	};
	Kind kind = Kind::kValues;
	//! The key field; `_timeslice` when a timeslice generator names none.
	std::string field;
	SourceSpan span;
	//! The slice width in milliseconds, when a timeslice generator gives one.
	std::optional<double> width_ms;
	std::vector<std::string> values;
};

//! `V for f` after `fillmissing ... with`: the value that added rows get in the non-key field f.
struct FillConstant {
	enum class Kind { kNull, kNumber, kString };
	Kind kind = Kind::kNull;
	double number = 0;
	std::string text;
	std::string field;
	SourceSpan span;
};

//! `fillmissing generator, ... [with V for f, ...] [takeLast]`: adds a row for each combination
//! of generated key values that the rows lack.
struct FillmissingOperator {
	std::vector<FillGenerator> generators;
	std::vector<FillConstant> constants;
	//! `takeLast`: added rows copy the non-key fields of the previous time slice.
	bool take_last = false;
};

//! The table of a `lookup` or `cat`: `path://"/Library/x"` or another location as written
//! (`geo://location`, `https://host/t.csv`).
struct TableSource {
	//! The library path without `path://` and quotes, or the other location's text.
	std::string location;
	bool library_path = false;
	SourceSpan span;
};

//! A table column that `lookup` outputs, under its own name or an alias.
struct LookupColumn {
	std::string column;
	std::optional<std::string> alias;
	SourceSpan span;
};

//! `field=column` of a lookup's `on` list.
struct LookupJoin {
	std::string field;
	std::string column;
	SourceSpan column_span;
};

//! `lookup a, b as c from TABLE on f=k, g=l`, or `lookup * ...` for every column.
struct LookupOperator {
	bool all_columns = false;
	std::vector<LookupColumn> columns;
	TableSource table;
	std::vector<LookupJoin> joins;
};

enum class AggregateKind {
	kCount,
	kCountDistinct,
	kSum,
	kAvg,
	kMin,
	kMax,
	kPercentile,
	kStddev,
	kFirst,
	kLast,
	kMostRecent,
	kLeastRecent,
	kValues,
};

//! One aggregate of a stage: `count`, `count(f)`, `sum(f) as s`, `pct(f, 50, 95)`.
struct AggregateCall {
	AggregateKind kind = AggregateKind::kCount;
	//! The function name as written, for messages.
	std::string name;
	//! The argument field. It is empty for `count`, `count(*)` and an expression argument.
	std::string field;
	SourceSpan field_span;
	//! An argument that is an expression and not a plain field, such as `x * 2` in `sum(x * 2)`.
	//! Sumo Logic takes only a field there, but sumoql computes the expression for each row.
	ExpressionPtr argument;
	//! `pct`: the percentiles in query order. `median` is `pct(f, 50)`.
	std::vector<double> percentiles;
	//! The text of each percentile, which names its output (`_f_pct_99.9`).
	std::vector<std::string> percentile_texts;
	std::optional<std::string> alias;
	SourceSpan span;
};

//! `count by a`, `count a, b`, `sum(x) as s, avg(y) group by a` and `count_frequent a, b`.
struct AggregateOperator {
	std::vector<AggregateCall> calls;
	std::vector<ByField> keys;
	//! `count_frequent`: one count per key, named `_approxcount` and sorted from high to low.
	bool count_frequent = false;
};

//! `timeslice 5m`, `timeslice 100 buckets`, `timeslice` (one slice for all events), `as name`.
struct TimesliceOperator {
	//! The slice width in milliseconds, when the query gives one.
	std::optional<double> width_ms;
	//! The requested number of slices for `N buckets`.
	std::optional<double> buckets;
	std::optional<std::string> alias;
};

struct Operator {
	SourceSpan span;
	std::variant<WhereOperator, ParseAnchorOperator, ParseRegexOperator, ParseXmlOperator, JsonOperator,
	             KeyValueOperator, SplitOperator, AssignOperator, FieldsOperator, SortOperator, LimitOperator, DedupOperator,
	             TotalOperator, AccumOperator, DiffOperator, LookupOperator,
	             TransposeOperator, AggregateOperator, TimesliceOperator, TopkOperator, TopOperator, OutlierOperator, FillmissingOperator>
	    node;
};

// ---------------------------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------------------------

//! A construct that sumoql accepts but real Sumo Logic does not document. Each is a warning by
//! default and an error under `--strict`.
enum class ExtensionKind {
	kEvalOperator,
	kAnchorParsePromotedToRegex,
	kUnparenthesizedNot,
	kRegexFlags,
	//! `&&` or `||` in place of `and` or `or`.
	kSymbolicLogicalOperator,
	//! `=`, `!=` or `<>` against a string literal with `*`, which compares the `*` literally.
	kWildcardInEquality,
	//! A stage reads a field that the query creates only in a later stage.
	kFieldReadBeforeCreated,
	//! A field listed twice in one `fields` stage, ignoring case.
	kDuplicateFieldsName,
	//! An aggregate whose argument is an expression, as in `sum(x * 2)`.
	kAggregateExpressionArgument,
};

struct ExtensionUse {
	ExtensionKind kind;
	SourceSpan span;
	//! The field or operator a finding is about, such as the repeated name in `fields`. Findings of
	//! one kind and subject are reported together, and most kinds have no subject.
	std::string subject;
	//! Another place the finding refers to, such as the stage that creates a field read too early.
	std::optional<SourceSpan> related;
};

//! An operator or construct that sumoql parses but does not run, such as `geoip`, a subquery or
//! the hosted table `geo://location`. The syntax tree leaves an operator or subquery out: its stage
//! is not in `Query::operators`, and a subquery is not in the scope or expression that contains it.
//! So a query with one must not be planned.
struct UnsupportedUse {
	//! The lower-case operator name, `subquery`, or a table's scheme such as `geo://`.
	std::string construct;
	//! The name or table as the query wrote it, for messages.
	std::string spelling;
	SourceSpan span;
};

struct Query {
	//! Absent when the query starts with a pipe or is empty before the first pipe.
	ScopeNodePtr scope;
	//! Set when the query starts with `cat TABLE`: the table's rows are the input.
	std::optional<TableSource> cat_table;
	std::vector<Operator> operators;
	//! Extensions in query text order.
	std::vector<ExtensionUse> extensions;
	//! Bare predicate stages such as `| isPrivateIP(ip)`, which run but store no result.
	std::vector<SourceSpan> bare_predicates;
	//! Constructs that sumoql cannot run, in query text order.
	std::vector<UnsupportedUse> unsupported;
};

} // namespace sumoql::ast
