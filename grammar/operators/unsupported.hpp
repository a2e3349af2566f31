#pragma once

// Stage names that sumoql cannot run yet. Real Sumo Logic operators that sumoql does not run yet
// are listed here and read as opaque text, so that such a stage gets a message naming the
// operator while the rest of the query is still checked.

#include "grammar/expression.hpp"
#include "grammar/operators/opaque.hpp"

namespace sumoql::grammar {

template <typename Word>
struct operator_name : seq<Word, not_at<identifier_other>> {};

// `min(a, b)` and `max(a, b)` with two arguments are math functions that an `as` stage may
// use, while `min(x)` and `max(x)` are aggregates.
struct math_call_arguments : seq<whitespace, one<'('>, whitespace, expression, whitespace, one<','>> {};
struct aggregate_min_max
    : seq<sor<TAO_PEGTL_ISTRING("min"), TAO_PEGTL_ISTRING("max")>, not_at<identifier_other>,
          not_at<math_call_arguments>> {};

// Sumo Logic operators and aggregates that sumoql does not run yet.
struct unsupported_operator_name
    : sor<aggregate_min_max,
          operator_name<TAO_PEGTL_ISTRING("count_distinct")>,
          operator_name<TAO_PEGTL_ISTRING("count_frequent")>,
          operator_name<TAO_PEGTL_ISTRING("count")>,
          operator_name<TAO_PEGTL_ISTRING("sum")>,
          operator_name<TAO_PEGTL_ISTRING("avg")>,
          operator_name<TAO_PEGTL_ISTRING("pct_sampling")>,
          operator_name<TAO_PEGTL_ISTRING("pct")>,
          operator_name<TAO_PEGTL_ISTRING("median")>,
          operator_name<TAO_PEGTL_ISTRING("stddev")>,
          operator_name<TAO_PEGTL_ISTRING("first")>,
          operator_name<TAO_PEGTL_ISTRING("last")>,
          operator_name<TAO_PEGTL_ISTRING("most_recent")>,
          operator_name<TAO_PEGTL_ISTRING("least_recent")>,
          operator_name<TAO_PEGTL_ISTRING("values")>,
          operator_name<TAO_PEGTL_ISTRING("timeslice")>,
          operator_name<TAO_PEGTL_ISTRING("keyvalue")>,
          operator_name<TAO_PEGTL_ISTRING("kv")>,
          operator_name<TAO_PEGTL_ISTRING("xml")>,
          operator_name<TAO_PEGTL_ISTRING("top")>,
          operator_name<TAO_PEGTL_ISTRING("fillmissing")>> {};

struct unsupported_operator : seq<unsupported_operator_name, opaque_body> {};

// Tokens that may follow a field name inside an expression. A stage that starts with a name
// followed by none of them (or by nothing) names an operator, not an expression.
struct expression_continuation
    : sor<one<'(', '+', '-', '*', '/', '%', '=', '!', '<', '>', '?', '&'>, two<'|'>, kw_as, kw_and,
          kw_or, kw_not, kw_matches, kw_in, kw_contains> {};

struct unknown_operator
    : seq<at<dotted_name, whitespace, not_at<expression_continuation>>, raise<unknown_operator>> {};

} // namespace sumoql::grammar
