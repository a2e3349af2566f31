#pragma once

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_limit : reserved<TAO_PEGTL_ISTRING("limit")> {};

struct limit_count : seq<whitespace, row_count> {};

// limit_op <- 'limit' NUMBER
struct limit_op : seq<kw_limit, must<limit_count>> {};

} // namespace sumoql::grammar
