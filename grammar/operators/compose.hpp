#pragma once

// `compose`, which ends a subquery and turns its result rows into a search for the outer query.

#include "grammar/operators/sort.hpp"

namespace sumoql::grammar {

struct kw_compose : reserved<TAO_PEGTL_ISTRING("compose")> {};
struct kw_keywords : reserved<TAO_PEGTL_ISTRING("keywords")> {};

struct compose_fields
    : seq<whitespace, opt<kw_by, whitespace>, field_name,
          star<whitespace, one<','>, must<next_field_name>>, opt<whitespace, kw_keywords>> {};

// compose_op <- 'compose' 'by'? FIELD (',' FIELD)* 'keywords'?
struct compose_op : seq<kw_compose, must<compose_fields>> {};

} // namespace sumoql::grammar
