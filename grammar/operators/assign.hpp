#pragma once

// Stages that store a value in a field: `expr as field`, a bare cast such as `num(x)`, and the
// sumoql extension `eval field = expr, ...`.

#include "grammar/expression.hpp"

namespace sumoql::grammar {

struct assign_target : seq<whitespace, field_name> {};

// A further assignment of the same stage: `, expr as field`.
struct next_assignment_value : seq<whitespace, expression> {};
struct next_assignment_as : seq<whitespace, kw_as> {};
struct next_assignment : seq<one<','>, must<next_assignment_value, next_assignment_as, assign_target>> {};

// as_op <- expr 'as' FIELD (',' expr 'as' FIELD)*. Without `as`, the expression must be a cast of
// a field, which the syntax tree builder checks.
struct expression_stage
    : seq<expression, opt<whitespace, kw_as, must<assign_target>, star<whitespace, next_assignment>>> {};

struct kw_eval : reserved<TAO_PEGTL_ISTRING("eval")> {};

struct eval_value : seq<whitespace, expression> {};

// A single `field = expr` pair. Here `=` assigns, while everywhere else it compares.
struct eval_pair : seq<field_name, whitespace, one<'='>, not_at<one<'='>>, must<eval_value>> {};

struct eval_assignment : seq<whitespace, eval_pair> {};
struct next_eval_assignment : seq<whitespace, eval_pair> {};

// eval_op <- 'eval' FIELD '=' expr (',' FIELD '=' expr)*
struct eval_op
    : seq<kw_eval, must<eval_assignment>, star<whitespace, one<','>, must<next_eval_assignment>>> {};

} // namespace sumoql::grammar
