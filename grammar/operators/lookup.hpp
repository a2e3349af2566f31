#pragma once

// `lookup` joins rows with a lookup table, and `cat` reads a lookup table as the query's input.

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

struct kw_lookup : reserved<TAO_PEGTL_ISTRING("lookup")> {};
struct kw_cat : reserved<TAO_PEGTL_ISTRING("cat")> {};
struct kw_from : reserved<TAO_PEGTL_ISTRING("from")> {};
struct kw_on : reserved<TAO_PEGTL_ISTRING("on")> {};

// `path://"/Library/Users/x/table"`: a table in the Sumo Logic library.
struct library_path : seq<TAO_PEGTL_ISTRING("path://"), string_literal> {};

// `geo://location`, `https://host/t.csv` or `shared/statusupdates`: any other table, named by its
// text up to whitespace or a pipe.
struct table_location : plus<not_one<' ', '\t', '\n', '\r', '\v', '\f', '|'>> {};

struct table_source : sor<library_path, table_location> {};

// lookup_op <- 'lookup' ('*' / COLUMN ('as' FIELD)? (',' COLUMN ('as' FIELD)?)*)
//              'from' TABLE 'on' FIELD '=' COLUMN ((',' / 'and') FIELD '=' COLUMN)*
struct all_columns : one<'*'> {};
struct column_alias : seq<whitespace, field_name> {};
struct output_column : seq<field_name, opt<whitespace, kw_as, must<column_alias>>> {};
struct next_output_column : seq<whitespace, output_column> {};
struct lookup_columns
    : seq<whitespace, sor<all_columns, seq<output_column, star<whitespace, one<','>, must<next_output_column>>>>> {};

struct lookup_table : seq<whitespace, kw_from, whitespace, table_source> {};

struct join_condition : seq<field_name, whitespace, one<'='>, whitespace, field_name> {};
struct next_join_condition : seq<whitespace, join_condition> {};
struct join_conditions
    : seq<whitespace, kw_on, whitespace, join_condition,
          star<whitespace, sor<one<','>, kw_and>, must<next_join_condition>>> {};

struct lookup_op : seq<kw_lookup, must<lookup_columns>, must<lookup_table>, must<join_conditions>> {};

// cat_source <- 'cat' TABLE, at the start of a query. A table with a scheme (`path://"..."`,
// `geo://...`) is required, so that a search for the keyword `cat` stays a search.
struct table_scheme : seq<plus<alpha>, string<':', '/', '/'>> {};
struct cat_source : seq<kw_cat, plus<space>, sor<library_path, seq<at<table_scheme>, table_location>>> {};

// `cat` after a pipe: Sumo Logic reads a table only at the start of a query.
struct cat_stage : seq<at<kw_cat>, raise<cat_stage>> {};

} // namespace sumoql::grammar
