#pragma once

// The top rule: a scope, then pipe-separated operators, up to the end of the text.

#include "grammar/lexical.hpp"
#include "grammar/operators/accum.hpp"
#include "grammar/operators/assign.hpp"
#include "grammar/operators/dedup.hpp"
#include "grammar/operators/fields.hpp"
#include "grammar/operators/json.hpp"
#include "grammar/operators/limit.hpp"
#include "grammar/operators/lookup.hpp"
#include "grammar/operators/parse.hpp"
#include "grammar/operators/sort.hpp"
#include "grammar/operators/transpose.hpp"
#include "grammar/operators/split.hpp"
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
    : seq<whitespace, sor<where_op, parse_op, extract_op, json_op, split_op, csv_op, eval_op, fields_op,
                          sort_op, limit_op, dedup_op, total_op, accum_op, diff_op, lookup_op, cat_stage, transpose_op,
                          unsupported_operator,
                          unknown_operator, expression_stage>> {};

// Only `|` ends an operator, never a line break.
struct stage : seq<one<'|'>, must<operator_stage>, must<stage_end>> {};

// query <- (cat_source / scope) ( '|' operator )* EOF, after an optional UTF-8 byte order mark
struct query
    : seq<opt<utf8::bom>, whitespace, sor<cat_source, opt<scope>>, must<scope_end>, star<stage>, eof> {};

} // namespace sumoql::grammar
