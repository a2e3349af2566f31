#pragma once

#include "grammar/expression.hpp"

namespace sumoql::grammar {

struct kw_where : reserved<TAO_PEGTL_ISTRING("where")> {};

struct where_condition : seq<whitespace, expression> {};

// where_op <- 'where' expr
struct where_op : seq<kw_where, must<where_condition>> {};

} // namespace sumoql::grammar
