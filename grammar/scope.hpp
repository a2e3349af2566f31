#pragma once

// The search expression (scope) before the first pipe: keywords, quoted phrases and
// `field=value` terms combined with NOT, AND (also implicit between adjacent terms) and OR.

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

// Letters, digits, `_`, the punctuation `- : / . + @ # $ % ^ \` and the wildcards `*` and `?`.
// A `//` ends the value because it starts a comment, but `/*` stays in it, so that paths such
// as `_sourceCategory=prod/*` keep their wildcard.
struct scope_value_character
    : sor<identifier_other, one<'-', ':', '.', '+', '@', '#', '$', '%', '^', '*', '?', '\\'>,
          seq<one<'/'>, not_at<one<'/'>>>, utf8::range<0x80, 0x10FFFF>> {};

struct bare_value : plus<scope_value_character> {};

// AND, OR and NOT are operators only as whole words, so `android` and `or-else` are keywords.
template <typename Word>
struct scope_word : seq<Word, not_at<scope_value_character>> {};

struct scope_and_word : scope_word<TAO_PEGTL_ISTRING("and")> {};
struct scope_or_word : scope_word<TAO_PEGTL_ISTRING("or")> {};
struct scope_not_word : scope_word<TAO_PEGTL_ISTRING("not")> {};

struct field_term_value : seq<whitespace, sor<string_literal, bare_value>> {};

struct scope_not_equal : string<'!', '='> {};

// field_term <- FIELD '=' ( STRING / bare_value )
struct field_term : seq<field_name, whitespace,
                        sor<seq<one<'='>, not_at<one<'='>>, must<field_term_value>>,
                            seq<at<scope_not_equal>, raise<scope_not_equal>>>> {};

// phrase <- STRING
struct phrase : string_literal {};

// keyword <- bare_value, other than the words AND, OR and NOT
struct keyword : seq<not_at<sor<scope_and_word, scope_or_word, scope_not_word>>, bare_value> {};

struct scope_or;

// Defined with the query rule, because a subquery contains a whole query.
struct subquery;

struct scope_group_body : seq<whitespace, scope_or> {};
struct scope_group : seq<one<'('>, must<scope_group_body>, must<closing_paren>> {};

struct scope_atom : sor<subquery, scope_group, field_term, phrase, keyword> {};

struct scope_term;

struct scope_negated_term : seq<whitespace, scope_term> {};

// not_expr <- ('NOT' / '!') not_expr / atom
struct scope_negation : seq<sor<scope_not_word, one<'!'>>, must<scope_negated_term>> {};
struct scope_term : sor<scope_negation, scope_atom> {};

struct scope_and_operand : seq<whitespace, scope_term> {};

// and_expr <- not_expr ( 'AND'? not_expr )*
struct scope_and
    : seq<scope_term,
          star<whitespace, sor<seq<scope_and_word, must<scope_and_operand>>, scope_term>>> {};

struct scope_or_operand : seq<whitespace, scope_and> {};

// or_expr <- and_expr ( 'OR' and_expr )*
struct scope_or : seq<scope_and, star<whitespace, scope_or_word, must<scope_or_operand>>> {};

struct scope : seq<scope_or> {};

} // namespace sumoql::grammar
