#pragma once

// The parse operators: `parse` with an anchor pattern, `parse regex` and its synonym `extract`.

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

struct kw_parse : reserved<TAO_PEGTL_ISTRING("parse")> {};
struct kw_regex : reserved<TAO_PEGTL_ISTRING("regex")> {};
struct kw_extract : reserved<TAO_PEGTL_ISTRING("extract")> {};
struct kw_field : reserved<TAO_PEGTL_ISTRING("field")> {};

struct nodrop : reserved<TAO_PEGTL_ISTRING("nodrop")> {};
struct multi : reserved<TAO_PEGTL_ISTRING("multi")> {};

// `field=F` makes a parser read the field F instead of `_raw`.
struct field_option_value : seq<whitespace, field_name> {};
struct field_option : seq<kw_field, whitespace, one<'='>, must<field_option_value>> {};

// A `,` followed by a quoted pattern starts the next pattern of `parse "a=*" as a, "b=*" as b`.
struct alias_names
    : seq<field_name, star<whitespace, one<','>, not_at<whitespace, string_literal>, must<next_field_name>>> {};

// alias_list <- '(' FIELD (',' FIELD)* ')' / FIELD (',' FIELD)*
struct alias_list : seq<whitespace, sor<seq<one<'('>, whitespace, alias_names, must<closing_paren>>,
                                       alias_names>> {};

struct anchor_pattern : seq<whitespace, string_literal> {};

// A further pattern and its fields: `, "b=*" as b`.
struct next_anchor_pattern : seq<whitespace, string_literal> {};
struct anchor_pair_as : seq<whitespace, kw_as> {};
struct anchor_pair : seq<one<','>, must<next_anchor_pattern, anchor_pair_as, alias_list>> {};

// The `as` list is optional here so that a pattern with a named group and no `*` can run as
// `parse regex`. The syntax tree builder rejects any other pattern without it.
struct parse_anchor
    : seq<opt<whitespace, field_option>, must<anchor_pattern>,
          opt<whitespace, kw_as, must<alias_list>, star<whitespace, anchor_pair>>, opt<whitespace, nodrop>> {};

struct next_regex_pattern : seq<whitespace, string_literal> {};
struct regex_patterns
    : seq<whitespace, string_literal, star<whitespace, one<','>, must<next_regex_pattern>>> {};
struct regex_options : star<whitespace, sor<multi, nodrop>> {};

// regex_op <- ('parse' 'regex' / 'extract') ('field' '=' FIELD)? STRING (',' STRING)* ('multi' / 'nodrop')*
struct parse_regex
    : seq<whitespace, kw_regex, opt<whitespace, field_option>, must<regex_patterns>, regex_options> {};

struct kw_xml : reserved<TAO_PEGTL_ISTRING("xml")> {};

// parse_xml <- 'parse' 'xml' ('field' '=' FIELD)? STRING (',' STRING)* ('as' alias_list)? ('nodrop')?
struct next_xpath : seq<whitespace, string_literal> {};
struct xpaths : seq<whitespace, string_literal, star<whitespace, one<','>, must<next_xpath>>> {};

struct parse_xml
    : seq<whitespace, kw_xml, opt<whitespace, field_option>, must<xpaths>,
          opt<whitespace, kw_as, must<alias_list>>, opt<whitespace, nodrop>> {};

// parse_op <- 'parse' ('field' '=' FIELD)? STRING 'as' alias_list (',' STRING 'as' alias_list)* ('nodrop')?
struct parse_op : seq<kw_parse, sor<parse_regex, parse_xml, parse_anchor>> {};

struct extract_op
    : seq<kw_extract, opt<whitespace, field_option>, must<regex_patterns>, regex_options> {};

} // namespace sumoql::grammar
