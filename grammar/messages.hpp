#pragma once

// Every error message of the parser, in one table. Each commit point (`must<R>` or `raise<R>`)
// has a message keyed by its rule R, and PEGTL's `must_if` stops the build when one is missing.
// A message may carry a hint telling the user what to write instead.

#include "grammar/query.hpp"

namespace sumoql::grammar {

template <typename Rule>
inline constexpr const char *error_message = nullptr;

template <typename Rule>
inline constexpr const char *error_hint = "";

// A message containing `{}` gets the operator name found at the error position.

// clang-format off
// Lexical
template <> inline constexpr const char *error_message<unterminated_string> = "expected a closing '\"' for the string started here";
template <> inline constexpr const char *error_hint<unterminated_string> = "add the closing '\"', and write \\\" for a quote inside the string";
template <> inline constexpr const char *error_message<unterminated_regex> = "expected a closing '/' for the regex started here";
template <> inline constexpr const char *error_hint<unterminated_regex> = "a regex literal must end on the line where it starts, and \\/ puts a slash inside it";
template <> inline constexpr const char *error_message<unterminated_block_comment> = "expected '*/' to close the comment started here";
template <> inline constexpr const char *error_message<closing_paren> = "expected ')'";
template <> inline constexpr const char *error_hint<closing_paren> = "every '(' needs a matching ')'";
template <> inline constexpr const char *error_message<single_quote> = "single quotes do not delimit strings";
template <> inline constexpr const char *error_hint<single_quote> = "use double quotes: \"text\"";
template <> inline constexpr const char *error_message<next_field_name> = "expected a field name after ','";
template <> inline constexpr const char *error_message<closing_bracket> = "expected ']'";
template <> inline constexpr const char *error_hint<closing_bracket> = "every '[' needs a matching ']'";

// Scope
template <> inline constexpr const char *error_message<field_term_value> = "expected a value after '='";
template <> inline constexpr const char *error_hint<field_term_value> = "quote a value that contains spaces: _sourceCategory=\"Security Logs\"";
template <> inline constexpr const char *error_message<scope_not_equal> = "'!=' is not allowed in the search expression";
template <> inline constexpr const char *error_hint<scope_not_equal> = "write NOT field=value";
template <> inline constexpr const char *error_message<scope_group_body> = "expected a search term after '('";
template <> inline constexpr const char *error_message<scope_negated_term> = "expected a search term after 'NOT' or '!'";
template <> inline constexpr const char *error_message<scope_and_operand> = "expected a search term after 'AND'";
template <> inline constexpr const char *error_message<scope_or_operand> = "expected a search term after 'OR'";

// Expressions
template <> inline constexpr const char *error_message<argument_after_comma> = "expected an argument after ','";
template <> inline constexpr const char *error_message<argument_list_end> = "expected ',' or ')' in the argument list";
template <> inline constexpr const char *error_message<parenthesized_body> = "expected an expression after '('";
template <> inline constexpr const char *error_message<negated_value> = "expected a value after '-'";
template <> inline constexpr const char *error_message<multiplicative_operand> = "expected a value after the arithmetic operator";
template <> inline constexpr const char *error_message<additive_operand> = "expected a value after the arithmetic operator";
template <> inline constexpr const char *error_message<comparison_operand> = "expected a value after the comparison operator";
template <> inline constexpr const char *error_message<match_pattern> = "expected a pattern after 'matches'";
template <> inline constexpr const char *error_hint<match_pattern> = "write a quoted wildcard pattern such as \"10.*\" or a regex such as /^10\\./";
template <> inline constexpr const char *error_message<in_list> = "expected a parenthesised list of values after 'in'";
template <> inline constexpr const char *error_message<in_item_after_comma> = "expected a value after ','";
template <> inline constexpr const char *error_message<in_list_end> = "expected ',' or ')' in the 'in' list";
template <> inline constexpr const char *error_message<contains_operand> = "expected a value after 'contains'";
template <> inline constexpr const char *error_message<negated_operand> = "expected an expression after '!' or 'NOT'";
template <> inline constexpr const char *error_message<and_operand> = "expected an expression after 'AND'";
template <> inline constexpr const char *error_message<or_operand> = "expected an expression after 'OR'";
template <> inline constexpr const char *error_message<conditional_then> = "expected an expression after '?'";
template <> inline constexpr const char *error_message<conditional_colon> = "expected ':' in the conditional expression";
template <> inline constexpr const char *error_hint<conditional_colon> = "write condition ? value_if_true : value_if_false";
template <> inline constexpr const char *error_message<conditional_else> = "expected an expression after ':'";

// Operators
template <> inline constexpr const char *error_message<where_condition> = "expected an expression after 'where'";
template <> inline constexpr const char *error_hint<where_condition> = "for example: where status = \"404\"";
template <> inline constexpr const char *error_message<field_option_value> = "expected a field name after 'field='";
template <> inline constexpr const char *error_message<anchor_pattern> = "expected a quoted pattern after 'parse'";
template <> inline constexpr const char *error_hint<anchor_pattern> = "for example: parse \"user=*,\" as user";
template <> inline constexpr const char *error_message<alias_list> = "expected an alias list after 'as'";
template <> inline constexpr const char *error_message<next_assignment_value> = "expected an expression after ','";
template <> inline constexpr const char *error_message<next_assignment_as> = "expected 'as' and a field name after the expression";
template <> inline constexpr const char *error_hint<next_assignment_as> = "for example: | 0 as a, 1 as b";
template <> inline constexpr const char *error_message<next_anchor_pattern> = "expected a quoted pattern after ','";
template <> inline constexpr const char *error_message<anchor_pair_as> = "expected 'as' and field names after the pattern";
template <> inline constexpr const char *error_hint<anchor_pair_as> = "for example: parse \"a=*,\" as a, \"b=*,\" as b";
template <> inline constexpr const char *error_hint<alias_list> = "name one field for each '*' in the pattern";
template <> inline constexpr const char *error_message<regex_patterns> = "expected a quoted regular expression";
template <> inline constexpr const char *error_hint<regex_patterns> = "for example: parse regex \"user=(?<user>\\w+)\"";
template <> inline constexpr const char *error_message<next_regex_pattern> = "expected a quoted regular expression after ','";
template <> inline constexpr const char *error_message<xpaths> = "expected a quoted XPath";
template <> inline constexpr const char *error_hint<xpaths> = "for example: parse xml \"/Event/System/EventID/text()\" as event_id";
template <> inline constexpr const char *error_message<next_xpath> = "expected a quoted XPath after ','";
template <> inline constexpr const char *error_message<split_input> = "expected the field to split";
template <> inline constexpr const char *error_hint<split_input> = "name the field, such as _raw for the whole message: split _raw delim=':' extract 1 as user";
template <> inline constexpr const char *error_message<character_value> = "expected ='c' with one character in single quotes";
template <> inline constexpr const char *error_hint<character_value> = "for example: delim=':' or quote='\"'";
template <> inline constexpr const char *error_message<split_extract> = "expected 'extract' and the columns to keep";
template <> inline constexpr const char *error_hint<split_extract> = "for example: extract 1 as user, 3 as host, or extract user, _, host";
template <> inline constexpr const char *error_message<extract_columns> = "expected a column after 'extract'";
template <> inline constexpr const char *error_hint<extract_columns> = "write 'N as name', a name for the next position, or '_' to skip one";
template <> inline constexpr const char *error_message<next_extract_column> = "expected a column after ','";
template <> inline constexpr const char *error_hint<next_extract_column> = "write 'N as name', a name for the next position, or '_' to skip one";
template <> inline constexpr const char *error_message<column_name> = "expected a field name after 'as'";
template <> inline constexpr const char *error_message<kv_options> = "expected keys, 'auto' or 'regex' after the operator name";
template <> inline constexpr const char *error_hint<kv_options> = "for example: kv \"user\", \"src_ip\" as user, ip";
template <> inline constexpr const char *error_message<kv_regex_pattern> = "expected a quoted regular expression after 'regex'";
template <> inline constexpr const char *error_message<kv_delim_value> = "expected a quoted delimiter after 'delim'";
template <> inline constexpr const char *error_message<next_kv_key> = "expected a quoted key after ','";
template <> inline constexpr const char *error_message<json_paths> = "expected a quoted JSON path";
template <> inline constexpr const char *error_hint<json_paths> = "for example: json \"user.name\", \"tags[0]\" as name, tag";
template <> inline constexpr const char *error_message<next_json_path> = "expected a quoted JSON path after ','";
template <> inline constexpr const char *error_message<json_pair_alias> = "expected a field name after 'as'";
template <> inline constexpr const char *error_message<next_json_pair> = "expected a quoted JSON path and 'as' with a field name after ','";
template <> inline constexpr const char *error_hint<next_json_pair> = "give every path its own name, as in json \"a\" as x, \"b\" as y, or list the names at the end: json \"a\", \"b\" as x, y";
template <> inline constexpr const char *error_message<maxdepth_value> = "expected a number after 'maxdepth'";
template <> inline constexpr const char *error_message<eval_assignment> = "expected 'field = expression' after 'eval'";
template <> inline constexpr const char *error_message<next_eval_assignment> = "expected 'field = expression' after ','";
template <> inline constexpr const char *error_message<eval_value> = "expected an expression after '='";
template <> inline constexpr const char *error_message<assign_target> = "expected a field name after 'as'";
template <> inline constexpr const char *error_message<fields_list> = "expected a field name after 'fields'";
template <> inline constexpr const char *error_message<sort_keys> = "expected a field to sort by";
template <> inline constexpr const char *error_message<next_sort_key> = "expected a field to sort by after ','";
template <> inline constexpr const char *error_message<next_by_field> = "expected a field name after ','";
template <> inline constexpr const char *error_message<by_fields> = "expected a field name after 'by'";
template <> inline constexpr const char *error_message<limit_count> = "expected a whole number of rows after 'limit'";
template <> inline constexpr const char *error_hint<limit_count> = "for example: limit 10";
template <> inline constexpr const char *error_message<summed_field> = "expected a field name after the operator";
template <> inline constexpr const char *error_hint<summed_field> = "for example: accum bytes as running_total by user";
template <> inline constexpr const char *error_message<result_alias> = "expected a field name after 'as'";
template <> inline constexpr const char *error_message<lookup_columns> = "expected '*' or the table columns to output after 'lookup'";
template <> inline constexpr const char *error_hint<lookup_columns> = "for example: lookup name, email as mail from path://\"/Library/Users/x/users\" on uid=id";
template <> inline constexpr const char *error_message<column_alias> = "expected a field name after 'as'";
template <> inline constexpr const char *error_message<next_output_column> = "expected a table column after ','";
template <> inline constexpr const char *error_message<lookup_table> = "expected 'from' and a table after the lookup columns";
template <> inline constexpr const char *error_hint<lookup_table> = "name the table as path://\"/Library/...\"";
template <> inline constexpr const char *error_message<join_conditions> = "expected 'on' and field=column after the lookup table";
template <> inline constexpr const char *error_hint<join_conditions> = "for example: on uid=id, or on a=x and b=y for a key of two columns";
template <> inline constexpr const char *error_message<next_join_condition> = "expected field=column after ',' or 'and'";
template <> inline constexpr const char *error_message<cat_stage> = "'cat' must start the query";
template <> inline constexpr const char *error_hint<cat_stage> = "cat reads a lookup table as the query's input: cat path://\"/Library/x\" | where ...";
template <> inline constexpr const char *error_message<transpose_rows> = "expected 'row' and the row fields after 'transpose'";
template <> inline constexpr const char *error_hint<transpose_rows> = "for example: transpose row _timeslice column status_code";
template <> inline constexpr const char *error_message<transpose_columns> = "expected 'column' and the column fields after the row fields";
template <> inline constexpr const char *error_hint<transpose_columns> = "for example: transpose row _timeslice column status_code";
template <> inline constexpr const char *error_message<transpose_outputs> = "expected the output fields or '*' after 'as'";
template <> inline constexpr const char *error_message<outlier_field> = "expected the field to check after 'outlier'";
template <> inline constexpr const char *error_hint<outlier_field> = "for example: outlier _count by _sourceHost window=5, threshold=3";
template <> inline constexpr const char *error_message<topk_arguments> = "expected '(', a count and the fields to rank by after 'topk'";
template <> inline constexpr const char *error_hint<topk_arguments> = "for example: topk(5, _count) by _sourceHost";
template <> inline constexpr const char *error_message<top_count> = "expected the number of rows after 'top'";
template <> inline constexpr const char *error_hint<top_count> = "for example: top 10 src_ip, or top 10 src_ip by bytes";
template <> inline constexpr const char *error_message<next_top_field> = "expected a field name after ','";
template <> inline constexpr const char *error_message<top_ranking> = "expected 'count' or a field to rank by after 'by'";
template <> inline constexpr const char *error_message<generators> = "expected a generator after 'fillmissing'";
template <> inline constexpr const char *error_hint<generators> = "for example: fillmissing timeslice(15m), or fillmissing values(\"web\", \"api\") in type";
template <> inline constexpr const char *error_message<next_generator> = "expected a generator after ','";
template <> inline constexpr const char *error_hint<next_generator> = "a generator is timeslice[(15m)] [in field], values(\"a\", \"b\") in field, or values all in field";
template <> inline constexpr const char *error_message<generator_field> = "expected a field name after 'in'";
template <> inline constexpr const char *error_message<generator_width_list> = "expected a time span and ')' after 'timeslice('";
template <> inline constexpr const char *error_hint<generator_width_list> = "for example: timeslice(15m)";
template <> inline constexpr const char *error_message<generator_values> = "expected '(' and string values, or 'all', after 'values'";
template <> inline constexpr const char *error_hint<generator_values> = "only string literals are allowed: values(\"web\", \"api\") in type";
template <> inline constexpr const char *error_message<next_generator_value> = "expected a string value after ','";
template <> inline constexpr const char *error_hint<next_generator_value> = "only string literals are allowed: values(\"web\", \"api\") in type";
template <> inline constexpr const char *error_message<values_target> = "expected 'in' and the field that the values fill";
template <> inline constexpr const char *error_hint<values_target> = "for example: values(\"web\", \"api\") in type";
template <> inline constexpr const char *error_message<fills> = "expected a value, 'for' and a field after 'with'";
template <> inline constexpr const char *error_hint<fills> = "for example: with 0 for _count, \"none\" for status";
template <> inline constexpr const char *error_message<next_fill> = "expected a value, 'for' and a field after ','";
template <> inline constexpr const char *error_message<fill_field> = "expected 'for' and a field name after the value";
template <> inline constexpr const char *error_hint<fill_field> = "for example: with -1 for _count";
template <> inline constexpr const char *error_message<unsupported_operator> = "operator '{}' is not supported yet";
template <> inline constexpr const char *error_hint<unsupported_operator> = "sumoql parses this operator but does not run it; remove the stage, or run the query in Sumo Logic";
template <> inline constexpr const char *error_message<unknown_operator> = "unknown operator '{}'";
template <> inline constexpr const char *error_hint<unknown_operator> = "the operators are where, parse, parse regex, parse xml, extract, json, keyvalue, split, csv, eval, fields, sort, order, limit, dedup, total, accum, diff, lookup, transpose, top, topk, timeslice, fillmissing, the aggregates such as count and sum, and 'expression as field'";
template <> inline constexpr const char *error_message<field_argument> = "expected '(', a field name and ')' after the aggregate";
template <> inline constexpr const char *error_hint<field_argument> = "an aggregate takes a plain field, so compute an expression in an earlier stage: (x + y) as z | sum(z)";
template <> inline constexpr const char *error_message<percentile_arguments> = "expected '(', a field name and percentiles after the aggregate";
template <> inline constexpr const char *error_hint<percentile_arguments> = "for example: pct(bytes, 50, 95)";
template <> inline constexpr const char *error_message<aggregate_alias> = "expected a field name after 'as'";
template <> inline constexpr const char *error_message<trailing_alias> = "expected a field name after 'as'";
template <> inline constexpr const char *error_message<next_aggregate_item> = "expected an aggregate after ','";
template <> inline constexpr const char *error_hint<next_aggregate_item> = "for example: count, sum(bytes) by user";
template <> inline constexpr const char *error_message<count_frequent_keys> = "expected a field name after 'count_frequent'";
template <> inline constexpr const char *error_message<timeslice_span> = "expected a time slice width such as 5m or 1h, or a number of buckets such as 150 buckets";
template <> inline constexpr const char *error_hint<timeslice_span> = "a width is a number and one of the units ms, s, m, h, d or w, with no space between them";
template <> inline constexpr const char *error_message<timeslice_alias> = "expected a field name after 'as'";

template <> inline constexpr const char *error_message<compose_fields> = "expected a field name after 'compose'";
template <> inline constexpr const char *error_hint<compose_fields> = "for example: compose src_ip keywords";

// Subqueries
template <> inline constexpr const char *error_message<subquery_time_value> = "expected a parenthesised time after '='";
template <> inline constexpr const char *error_hint<subquery_time_value> = "for example: [subquery from=(-15m): error | compose host]";
template <> inline constexpr const char *error_message<subquery_colon> = "expected ':' after 'subquery'";
template <> inline constexpr const char *error_hint<subquery_colon> = "write [subquery: search | operators | compose field]";
template <> inline constexpr const char *error_message<unclosed_subquery> = "expected ']' to close the subquery";
template <> inline constexpr const char *error_hint<unclosed_subquery> = "end the subquery with ']' after its last operator, such as '| compose field]'";
template <> inline constexpr const char *error_message<subquery_scope_end> = "expected a search term, '|' or ']' in the subquery";
template <> inline constexpr const char *error_message<subquery_stage_end> = "expected '|' or ']' in the subquery";
template <> inline constexpr const char *error_hint<subquery_stage_end> = "each operator starts with its own '|', and ']' ends the subquery";

// Query shape
template <> inline constexpr const char *error_message<operator_stage> = "expected an operator after '|'";
template <> inline constexpr const char *error_hint<operator_stage> = "remove the trailing '|' or add an operator after it";
template <> inline constexpr const char *error_message<stage_end> = "expected '|' or the end of the query";
template <> inline constexpr const char *error_hint<stage_end> = "each operator, including 'where', starts with its own '|'";
template <> inline constexpr const char *error_message<scope_end> = "expected a search term, '|' or the end of the query";
template <> inline constexpr const char *error_message<unmatched_closing_paren> = "found ')' without a matching '('";
// clang-format on

// An error about text that cannot follow a finished scope or operator points at that text, even
// on a later line. Every other error points right after the last token accepted.
template <typename Rule>
inline constexpr bool error_at_unexpected_text = false;

template <> inline constexpr bool error_at_unexpected_text<scope_end> = true;
template <> inline constexpr bool error_at_unexpected_text<stage_end> = true;
template <> inline constexpr bool error_at_unexpected_text<subquery_scope_end> = true;
template <> inline constexpr bool error_at_unexpected_text<subquery_stage_end> = true;

//! The error table that PEGTL's `must_if` reads.
struct error_table {
	template <typename Rule>
	static constexpr const char *message = error_message<Rule>;

	// Only a commit point raises. A rule with a message still fails quietly where it is merely
	// tried, so that ordinary backtracking never becomes an error.
	template <typename Rule>
	static constexpr bool raise_on_failure = false;
};

// ---------------------------------------------------------------------------------------------
// Checks that run on the syntax tree after parsing
// ---------------------------------------------------------------------------------------------

inline constexpr const char *kNestingTooDeep = "the query is nested too deeply";
inline constexpr const char *kNestingTooDeepHint =
    "split the expression into several stages or remove redundant parentheses";

inline constexpr const char *kQueryTooLong = "the query is longer than 4 GiB";

inline constexpr const char *kWildcardCountMismatch = "the pattern has {} but {} after 'as'";
inline constexpr const char *kWildcardCountMismatchHint = "name one field for each '*' in the pattern";

inline constexpr const char *kAdjacentWildcards = "'**' is not allowed in a parse pattern";
inline constexpr const char *kAdjacentWildcardsHint =
    "each '*' captures one value, so put literal text between two of them";

inline constexpr const char *kMissingAliasList = "expected 'as' and an alias list after the pattern";
inline constexpr const char *kMissingAliasListHint =
    "name one field for each '*', or use 'parse regex' with named groups";

inline constexpr const char *kPathCountMismatch = "the {} operator has {} but {} after 'as'";
inline constexpr const char *kPathCountMismatchHint = "name one field for each path or key";

inline constexpr const char *kLimitTooLarge = "limit accepts at most 10,000 rows";
inline constexpr const char *kLimitTooLargeHint = "Sumo Logic rejects 'limit 10001' and above";

inline constexpr const char *kCountNotPositive = "the count must be at least 1";

inline constexpr const char *kMissingAssignTarget = "expected 'as' and a field name after the expression";
inline constexpr const char *kMissingAssignTargetHint =
    "only a conversion of a field, such as num(x) or toLong(x), may stand without 'as'";

} // namespace sumoql::grammar
