#pragma once

// `split` and `csv`: split a field at a delimiter, honouring quotes and an escape character, and
// name the columns to keep.

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

struct kw_split : reserved<TAO_PEGTL_ISTRING("split")> {};
struct kw_csv : reserved<TAO_PEGTL_ISTRING("csv")> {};
struct kw_delim : reserved<TAO_PEGTL_ISTRING("delim")> {};
struct kw_quote : reserved<TAO_PEGTL_ISTRING("quote")> {};
struct kw_escape : reserved<TAO_PEGTL_ISTRING("escape")> {};
struct kw_split_extract : reserved<TAO_PEGTL_ISTRING("extract")> {};

// A one-character value in single quotes: `':'`, `'\'`, `'''`, or a tab between the quotes.
struct character_literal : seq<one<'\''>, any, one<'\''>> {};
struct character_value : seq<whitespace, one<'='>, whitespace, character_literal> {};

struct delimiter_option : seq<kw_delim, must<character_value>> {};
struct quote_option : seq<kw_quote, must<character_value>> {};
struct escape_option : seq<kw_escape, must<character_value>> {};

struct split_option : sor<delimiter_option, quote_option, escape_option> {};
struct csv_option : sor<quote_option, escape_option> {};

// Options may be separated by commas, as in escape='\', delim=':', quote='''.
template <typename Option>
struct option_list : opt<Option, star<whitespace, opt<one<','>, whitespace>, Option>> {};

// extract_item <- NUMBER 'as' FIELD / '_' / FIELD
struct column_index : digits {};
struct column_name : seq<whitespace, field_name> {};
struct indexed_column : seq<column_index, whitespace, kw_as, must<column_name>> {};
struct skipped_column : seq<one<'_'>, not_at<identifier_other>> {};
struct extract_column : sor<indexed_column, skipped_column, field_name> {};
struct next_extract_column : seq<whitespace, extract_column> {};
struct extract_columns : seq<whitespace, extract_column, star<whitespace, one<','>, must<next_extract_column>>> {};

struct split_input : seq<whitespace, field_name> {};
struct split_extract : seq<whitespace, kw_split_extract> {};

// split_op <- 'split' FIELD split_option* 'extract' extract_item (',' extract_item)*
struct split_op : seq<kw_split, must<split_input>, whitespace, option_list<split_option>, must<split_extract>,
                      must<extract_columns>> {};

// csv_op <- 'csv' FIELD csv_option* 'extract' extract_item (',' extract_item)*
struct csv_op : seq<kw_csv, must<split_input>, whitespace, option_list<csv_option>, must<split_extract>,
                    must<extract_columns>> {};

} // namespace sumoql::grammar
