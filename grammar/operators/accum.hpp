#pragma once

// `total`, `accum` and `diff`, which share one form: a numeric field, an optional output name
// and optional group fields.

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_total : reserved<TAO_PEGTL_ISTRING("total")> {};
struct kw_accum : reserved<TAO_PEGTL_ISTRING("accum")> {};
struct kw_diff : reserved<TAO_PEGTL_ISTRING("diff")> {};

struct summed_field : seq<whitespace, field_name> {};
struct result_alias : seq<whitespace, field_name> {};

// OPERATOR FIELD ('as' FIELD)? ('by' FIELD (',' FIELD)*)?
template <typename Keyword>
struct field_sum_op : seq<Keyword, must<summed_field>, opt<whitespace, kw_as, must<result_alias>>,
                          opt<whitespace, by_clause>> {};

struct total_op : field_sum_op<kw_total> {};
struct accum_op : field_sum_op<kw_accum> {};
struct diff_op : field_sum_op<kw_diff> {};

} // namespace sumoql::grammar
