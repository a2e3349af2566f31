#pragma once

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_dedup : reserved<TAO_PEGTL_ISTRING("dedup")> {};
struct kw_consecutive : reserved<TAO_PEGTL_ISTRING("consecutive")> {};

// dedup_op <- 'dedup' 'consecutive'? NUMBER? ('by'? FIELD (',' FIELD)*)?
// The docs always write `by`. Published app dashboards also write `dedup id`, which groups the
// same way, as `count id` does.
struct dedup_op : seq<kw_dedup, opt<whitespace, kw_consecutive>, opt<whitespace, row_count>,
                      opt<sor<seq<whitespace, by_clause>, by_fields>>> {};

} // namespace sumoql::grammar
