#pragma once

// The top rule: a scope, then pipe-separated operators, up to the end of the text. A subquery
// `[subquery: scope | operators | compose f]` has the same shape inside brackets, and it may
// stand as a search term of the scope or as a value in an expression.

#include "grammar/lexical.hpp"
#include "grammar/operators/accum.hpp"
#include "grammar/operators/aggregate.hpp"
#include "grammar/operators/assign.hpp"
#include "grammar/operators/compose.hpp"
#include "grammar/operators/dedup.hpp"
#include "grammar/operators/fields.hpp"
#include "grammar/operators/json.hpp"
#include "grammar/operators/keyvalue.hpp"
#include "grammar/operators/limit.hpp"
#include "grammar/operators/lookup.hpp"
#include "grammar/operators/outlier.hpp"
#include "grammar/operators/parse.hpp"
#include "grammar/operators/sort.hpp"
#include "grammar/operators/fillmissing.hpp"
#include "grammar/operators/top.hpp"
#include "grammar/operators/topk.hpp"
#include "grammar/operators/transpose.hpp"
#include "grammar/operators/split.hpp"
#include "grammar/operators/unrunnable.hpp"
#include "grammar/operators/unsupported.hpp"
#include "grammar/operators/where.hpp"
#include "grammar/scope.hpp"

namespace sumoql::grammar {

struct unmatched_closing_paren : one<')'> {};

// Text that cannot continue a finished scope or operator gets a message of its own.
struct stray_character
    : sor<seq<at<unmatched_closing_paren>, raise<unmatched_closing_paren>>,
          seq<at<single_quote>, raise<single_quote>>> {};

struct scope_end : seq<whitespace, sor<at<one<'|'>>, eof, stray_character>> {};
struct stage_end : seq<whitespace, sor<at<one<'|'>>, eof, stray_character>> {};

// The operator keywords are tried first, so that a field named like an operator cannot hide it.
struct operator_stage
    : seq<whitespace, sor<where_op, parse_op, extract_op, json_op, keyvalue_op, split_op, csv_op, eval_op, fields_op,
                          sort_op, limit_op, dedup_op, total_op, accum_op, diff_op, lookup_op, cat_stage, timeslice_op,
                          count_frequent_op, aggregate_op,
                          transpose_op, topk_op, top_op, outlier_op, fillmissing_op, compose_op, unrunnable_operator, unsupported_operator, unknown_operator,
                          expression_stage>> {};

// Only `|` ends an operator, never a line break.
struct stage : seq<one<'|'>, must<operator_stage>, must<stage_end>> {};

// ---------------------------------------------------------------------------------------------
// Subqueries
// ---------------------------------------------------------------------------------------------

struct kw_subquery : reserved<TAO_PEGTL_ISTRING("subquery")> {};

// `from=(-15m)` or `to=(2018/07/09 23:13:36)`: the time range of the subquery's search.
struct subquery_time_value : seq<one<'('>, until<one<')'>, not_one<'\n', '\r'>>> {};
struct subquery_time_range
    : seq<sor<TAO_PEGTL_ISTRING("from"), TAO_PEGTL_ISTRING("to")>, whitespace, one<'='>, whitespace,
          must<subquery_time_value>> {};

struct subquery_colon : seq<whitespace, one<':'>> {};

// The text ends before the `]` of a subquery.
struct unclosed_subquery : eof {};

struct subquery_scope_end
    : seq<whitespace, sor<at<one<'|'>>, at<one<']'>>, seq<at<eof>, raise<unclosed_subquery>>, stray_character>> {};
struct subquery_stage_end
    : seq<whitespace, sor<at<one<'|'>>, at<one<']'>>, seq<at<eof>, raise<unclosed_subquery>>, stray_character>> {};
struct subquery_stage : seq<one<'|'>, must<operator_stage>, must<subquery_stage_end>> {};

// subquery <- '[' 'subquery' time_range* ':' scope? ('|' operator)* ']'
struct subquery
    : seq<one<'['>, whitespace, kw_subquery, star<whitespace, subquery_time_range>,
          must<subquery_colon>, whitespace, opt<scope>, must<subquery_scope_end>,
          star<subquery_stage>, must<closing_bracket>> {};

// query <- (cat_source / scope) ( '|' operator )* EOF, after an optional UTF-8 byte order mark
struct query
    : seq<opt<utf8::bom>, whitespace, sor<cat_source, opt<scope>>, must<scope_end>, star<stage>, eof> {};

} // namespace sumoql::grammar
