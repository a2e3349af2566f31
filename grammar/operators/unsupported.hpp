#pragma once

// Stage names that sumoql cannot run yet. Real Sumo Logic operators that sumoql does not run yet
// are listed here and read as opaque text, so that such a stage gets a message naming the
// operator while the rest of the query is still checked.

#include "grammar/expression.hpp"
#include "grammar/operators/opaque.hpp"

namespace sumoql::grammar {

template <typename Word>
struct operator_name : seq<Word, not_at<identifier_other>> {};

// Sumo Logic operators that sumoql does not run yet.
struct unsupported_operator_name
    : sor<operator_name<TAO_PEGTL_ISTRING("xml")>> {};

struct unsupported_operator : seq<unsupported_operator_name, opaque_body> {};

// Tokens that may follow a field name inside an expression. A stage that starts with a name
// followed by none of them (or by nothing) names an operator, not an expression.
struct expression_continuation
    : sor<one<'(', '+', '-', '*', '/', '%', '=', '!', '<', '>', '?', '&'>, two<'|'>, kw_as, kw_and,
          kw_or, kw_not, kw_matches, kw_in, kw_contains> {};

struct unknown_operator
    : seq<at<dotted_name, whitespace, not_at<expression_continuation>>, raise<unknown_operator>> {};

} // namespace sumoql::grammar
