#pragma once

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_dedup : reserved<TAO_PEGTL_ISTRING("dedup")> {};
struct kw_consecutive : reserved<TAO_PEGTL_ISTRING("consecutive")> {};

// dedup_op <- 'dedup' 'consecutive'? NUMBER? ('by' FIELD (',' FIELD)*)?
struct dedup_op
    : seq<kw_dedup, opt<whitespace, kw_consecutive>, opt<whitespace, row_count>, opt<whitespace, by_clause>> {};

} // namespace sumoql::grammar
