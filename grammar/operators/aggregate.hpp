#pragma once

// Aggregation stages (`count by a`, `sum(x) as s, pct(x, 50, 95) by a`, `count_frequent a`) and
// `timeslice`, which prepares the `_timeslice` key that aggregations group by.

#include "grammar/expression.hpp"
#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_group : reserved<TAO_PEGTL_ISTRING("group")> {};
struct kw_count : reserved<TAO_PEGTL_ISTRING("count")> {};
struct kw_count_frequent : reserved<TAO_PEGTL_ISTRING("count_frequent")> {};
struct kw_timeslice : reserved<TAO_PEGTL_ISTRING("timeslice")> {};
struct kw_buckets : reserved<TAO_PEGTL_ISTRING("buckets")> {};

// The aggregates whose one argument is a field: `sum(bytes)`.
struct field_aggregate_name
    : sor<reserved<TAO_PEGTL_ISTRING("count_distinct")>, reserved<TAO_PEGTL_ISTRING("sum")>,
          reserved<TAO_PEGTL_ISTRING("avg")>, reserved<TAO_PEGTL_ISTRING("median")>,
          reserved<TAO_PEGTL_ISTRING("stddev")>, reserved<TAO_PEGTL_ISTRING("first")>,
          reserved<TAO_PEGTL_ISTRING("last")>, reserved<TAO_PEGTL_ISTRING("most_recent")>,
          reserved<TAO_PEGTL_ISTRING("least_recent")>, reserved<TAO_PEGTL_ISTRING("values")>> {};

// `min` and `max` are aggregates with one argument and math functions with two, so they commit
// to the aggregate form only once the single argument has been read.
struct min_max_name : sor<reserved<TAO_PEGTL_ISTRING("min")>, reserved<TAO_PEGTL_ISTRING("max")>> {};

struct percentile_name
    : sor<reserved<TAO_PEGTL_ISTRING("pct_sampling")>, reserved<TAO_PEGTL_ISTRING("pct")>> {};

struct aggregate_function : sor<field_aggregate_name, min_max_name, percentile_name, kw_count> {};

struct count_star : one<'*'> {};
struct percentile : number_literal {};

struct open_paren : seq<whitespace, one<'('>, whitespace> {};

// An argument is a field. Sumo Logic rejects an expression such as `avg(x + y)`, but sumoql
// computes it for each row and reports it as a compatibility finding.
struct argument_expression : seq<expression> {};
struct argument_end : sor<closing_paren, seq<whitespace, one<','>>> {};
struct aggregate_argument : sor<seq<field_name, at<argument_end>>, argument_expression> {};

struct field_argument : seq<open_paren, aggregate_argument, closing_paren> {};
struct percentile_arguments
    : seq<open_paren, aggregate_argument, star<whitespace, one<','>, whitespace, percentile>, closing_paren> {};

struct count_call : seq<kw_count, opt<open_paren, sor<count_star, field_name>, closing_paren>> {};
struct field_aggregate_call : seq<field_aggregate_name, at<open_paren>, must<field_argument>> {};
struct min_max_call : seq<min_max_name, field_argument> {};
struct percentile_call : seq<percentile_name, at<open_paren>, must<percentile_arguments>> {};

struct aggregate_alias : seq<whitespace, field_name> {};

// The start of another aggregate, which a key list must not swallow: in
// `sum(x) as s, count as n by h` the `count` after the comma is an aggregate, not a key.
struct aggregate_item_start : sor<kw_count, seq<aggregate_function, open_paren>> {};

// A field after `count` without `by` is a key: `count a, b` is `count by a, b`.
struct count_key
    : seq<not_at<sor<kw_by, kw_as, kw_group, aggregate_item_start>>, field_name, not_at<open_paren>> {};
struct count_keys : seq<count_key, star<whitespace, one<','>, whitespace, count_key>> {};

struct aggregate_item
    : seq<sor<field_aggregate_call, min_max_call, percentile_call, count_call>,
          opt<whitespace, kw_as, must<aggregate_alias>>> {};

struct next_aggregate_item : seq<whitespace, aggregate_item> {};

struct group_by : seq<opt<kw_group, whitespace>, by_clause> {};

// `values(f) by g as name`: an alias after the keys names the stage's single aggregate.
struct trailing_alias : seq<whitespace, field_name> {};

// aggregate_op <- item (',' item)* ( 'count' KEYS )? ( 'group'? 'by' KEY (',' KEY)* )? ( 'as' FIELD )?
struct aggregate_op
    : seq<aggregate_item, star<whitespace, one<','>, whitespace, not_at<count_key>, must<next_aggregate_item>>,
          opt<whitespace, count_keys>, opt<whitespace, group_by>,
          opt<whitespace, kw_as, must<trailing_alias>>> {};

// count_frequent_op <- 'count_frequent' FIELD (',' FIELD)*
struct count_frequent_keys : seq<whitespace, by_field, star<whitespace, one<','>, must<next_by_field>>> {};
struct count_frequent_op : seq<kw_count_frequent, must<count_frequent_keys>> {};

// timeslice_op <- 'timeslice' 'by'? ( NUMBER 'buckets' / TIME_SPAN )? ( 'as' FIELD )?
struct timeslice_buckets : seq<number_literal, whitespace, kw_buckets> {};
struct timeslice_width : number_literal {};
struct timeslice_alias : seq<whitespace, field_name> {};
// Text that starts with a digit after `timeslice` must be a width or a bucket count, so that
// `5mn` or `5x` is reported at the width and not as a missing `|`.
struct timeslice_span : sor<timeslice_buckets, timeslice_width> {};
struct timeslice_op
    : seq<kw_timeslice, opt<whitespace, kw_by>, opt<whitespace, at<sor<digit, one<'.'>>>, must<timeslice_span>>,
          opt<whitespace, kw_as, must<timeslice_alias>>> {};

} // namespace sumoql::grammar
