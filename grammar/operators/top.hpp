#pragma once

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_top : reserved<TAO_PEGTL_ISTRING("top")> {};

struct top_count : seq<whitespace, row_count> {};

// A field of the list that top counts or ranks by. A `by` starts the ranking instead.
struct top_field : field_name {};
struct next_top_field : seq<whitespace, top_field> {};
struct top_fields : seq<not_at<kw_by>, top_field, star<whitespace, one<','>, must<next_top_field>>> {};

// The ranking keys: `by count`, or fields with an optional direction as in `sort`.
struct top_ranking : seq<kw_by, must<sort_keys>> {};

// top_op <- 'top' NUMBER FIELD (',' FIELD)* ('by' sort_key (',' sort_key)*)?
//         / 'top' NUMBER 'by' sort_key (',' sort_key)*
struct top_op : seq<kw_top, must<top_count>, opt<whitespace, top_fields>, opt<whitespace, top_ranking>> {};

} // namespace sumoql::grammar
