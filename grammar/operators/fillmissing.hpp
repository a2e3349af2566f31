#pragma once

// `fillmissing` adds rows for the combinations of key field values that an aggregation left
// out, such as the time slices without events.

#include "grammar/expression.hpp"
#include "grammar/operators/aggregate.hpp"

namespace sumoql::grammar {

struct kw_fillmissing : reserved<TAO_PEGTL_ISTRING("fillmissing")> {};
struct kw_values : reserved<TAO_PEGTL_ISTRING("values")> {};
struct kw_all : reserved<TAO_PEGTL_ISTRING("all")> {};
struct kw_with : reserved<TAO_PEGTL_ISTRING("with")> {};
struct kw_for : reserved<TAO_PEGTL_ISTRING("for")> {};
struct kw_take_last : reserved<TAO_PEGTL_ISTRING("takelast")> {};

// The key field that a generator fills.
struct generator_field : seq<whitespace, field_name> {};
struct generator_target : seq<kw_in, must<generator_field>> {};

// timeslice_generator <- 'timeslice' ('(' TIME_SPAN ')')? ('in' FIELD)?
struct generator_width : number_literal {};
struct generator_width_list : seq<whitespace, generator_width, closing_paren> {};
struct timeslice_generator
    : seq<kw_timeslice, opt<whitespace, one<'('>, must<generator_width_list>>, opt<whitespace, generator_target>> {};

// values_generator <- 'values' ('(' STRING (',' STRING)* ')' / 'all') 'in' FIELD
struct generator_value : string_literal {};
struct next_generator_value : seq<whitespace, generator_value> {};
struct generator_value_list
    : seq<one<'('>, whitespace, generator_value, star<whitespace, one<','>, must<next_generator_value>>, closing_paren> {};
struct all_values : kw_all {};
struct generator_values : seq<whitespace, sor<generator_value_list, all_values>> {};
struct values_target : seq<whitespace, generator_target> {};
struct values_generator : seq<kw_values, must<generator_values>, must<values_target>> {};

struct generator : sor<timeslice_generator, values_generator> {};
struct next_generator : seq<whitespace, generator> {};
struct generators : seq<whitespace, generator, star<whitespace, one<','>, must<next_generator>>> {};

// fill <- ('-'? NUMBER / STRING / 'null') 'for' FIELD
struct negative_sign : one<'-'> {};
struct fill_value : sor<seq<opt<negative_sign, whitespace>, number_literal>, string_literal, null_literal> {};
struct fill_field : seq<whitespace, kw_for, whitespace, field_name> {};
struct fill : seq<fill_value, must<fill_field>> {};
struct next_fill : seq<whitespace, fill> {};
struct fills : seq<whitespace, fill, star<whitespace, one<','>, must<next_fill>>> {};

struct take_last : kw_take_last {};

// fillmissing_op <- 'fillmissing' generator (',' generator)* ('with' fill (',' fill)*)? 'takeLast'?
struct fillmissing_op
    : seq<kw_fillmissing, must<generators>, opt<whitespace, kw_with, must<fills>>, opt<whitespace, take_last>> {};

} // namespace sumoql::grammar
