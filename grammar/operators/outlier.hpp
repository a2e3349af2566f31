#pragma once

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_outlier : reserved<TAO_PEGTL_ISTRING("outlier")> {};

struct outlier_field : seq<whitespace, field_name> {};

// An option's value is checked when the syntax tree is built, so that a bad one gets a message
// that names the option.
struct outlier_option_name
    : sor<TAO_PEGTL_ISTRING("window"), TAO_PEGTL_ISTRING("threshold"), TAO_PEGTL_ISTRING("consecutive"),
          TAO_PEGTL_ISTRING("direction")> {};
struct outlier_option_value : plus<sor<digit, one<'.', '+', '-'>>> {};
struct outlier_option : seq<outlier_option_name, whitespace, one<'='>, whitespace, outlier_option_value> {};

// outlier_op <- 'outlier' FIELD ('by' FIELD (',' FIELD)*)? (OPTION (','? OPTION)*)?
// OPTION     <- ('window' / 'threshold' / 'consecutive' / 'direction') '=' VALUE
struct outlier_op : seq<kw_outlier, must<outlier_field>, opt<whitespace, by_clause>,
                        opt<whitespace, outlier_option, star<whitespace, opt<one<','>>, whitespace, outlier_option>>> {};

} // namespace sumoql::grammar
