#pragma once

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_topk : reserved<TAO_PEGTL_ISTRING("topk")> {};

struct ranked_field : field_name {};
struct topk_arguments
    : seq<whitespace, one<'('>, whitespace, row_count, star<whitespace, one<','>, whitespace, ranked_field>,
          whitespace, one<')'>> {};

// topk_op <- 'topk' '(' NUMBER ',' FIELD (',' FIELD)* ')' ('by' FIELD (',' FIELD)*)?
struct topk_op : seq<kw_topk, must<topk_arguments>, opt<whitespace, by_clause>> {};

} // namespace sumoql::grammar
