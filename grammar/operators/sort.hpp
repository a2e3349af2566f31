#pragma once

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

struct kw_sort : reserved<TAO_PEGTL_ISTRING("sort")> {};
struct kw_order : reserved<TAO_PEGTL_ISTRING("order")> {};
struct kw_by : reserved<TAO_PEGTL_ISTRING("by")> {};
struct kw_asc : reserved<TAO_PEGTL_ISTRING("asc")> {};
struct kw_desc : reserved<TAO_PEGTL_ISTRING("desc")> {};

struct ascending_prefix : one<'+'> {};
struct descending_prefix : one<'-'> {};

// sort_key <- ('+' / '-')? FIELD ('asc' / 'desc')?
struct sort_key : seq<opt<sor<ascending_prefix, descending_prefix>, whitespace>, field_name,
                      opt<whitespace, sor<kw_asc, kw_desc>>> {};

struct next_sort_key : seq<whitespace, sort_key> {};
struct sort_keys : seq<whitespace, sort_key, star<whitespace, one<','>, must<next_sort_key>>> {};

// sort_op <- ('sort' / 'order') 'by'? sort_key (',' sort_key)*
struct sort_op : seq<sor<kw_sort, kw_order>, opt<whitespace, kw_by>, must<sort_keys>> {};

} // namespace sumoql::grammar
