#pragma once

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

struct kw_fields : reserved<TAO_PEGTL_ISTRING("fields")> {};

// A leading `-` turns the allowlist into a denylist.
struct fields_exclusion : one<'-'> {};

struct fields_list
    : seq<whitespace, opt<fields_exclusion, whitespace>, field_name,
          star<whitespace, one<','>, must<next_field_name>>> {};

// fields_op <- 'fields' '-'? FIELD (',' FIELD)*
struct fields_op : seq<kw_fields, must<fields_list>> {};

} // namespace sumoql::grammar
