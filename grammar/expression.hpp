#pragma once

// The expression language of `where`, `if`, `?:`, `expr as field` and function arguments.
// From the loosest binding to the tightest: `?:`, OR, AND, NOT, the relational forms
// (comparison, `matches`, `in`, `contains`), `+ -`, `* / %`, unary minus, primaries.

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

struct expression;

// Defined with the query rule, because a subquery contains a whole query.
struct subquery;

// ---------------------------------------------------------------------------------------------
// Primaries
// ---------------------------------------------------------------------------------------------

struct function_name : identifier {};

// arg <- expr / REGEX
struct argument : sor<regex_literal, expression> {};
struct argument_after_comma : seq<whitespace, argument> {};
struct argument_list_end : seq<whitespace, one<')'>> {};

// call <- IDENT '(' ( arg (',' arg)* )? ')'
struct function_call
    : seq<function_name, whitespace, one<'('>, whitespace,
          opt<argument, star<whitespace, one<','>, must<argument_after_comma>>>,
          must<argument_list_end>> {};

struct parenthesized_body : seq<whitespace, expression> {};
struct parenthesized : seq<one<'('>, must<parenthesized_body>, must<closing_paren>> {};

struct primary : sor<subquery, number_literal, string_literal, true_literal, false_literal, null_literal,
                     function_call, field_name, parenthesized,
                     seq<at<single_quote>, raise<single_quote>>> {};

// ---------------------------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------------------------

struct unary;

struct negated_value : seq<whitespace, unary> {};
struct unary_minus : seq<one<'-'>, must<negated_value>> {};
struct unary : sor<unary_minus, primary> {};

struct multiplicative_operator : one<'*', '/', '%'> {};
struct multiplicative_operand : seq<whitespace, unary> {};
struct multiplicative
    : seq<unary, star<whitespace, multiplicative_operator, must<multiplicative_operand>>> {};

struct additive_operator : one<'+', '-'> {};
struct additive_operand : seq<whitespace, multiplicative> {};
struct additive
    : seq<multiplicative, star<whitespace, additive_operator, must<additive_operand>>> {};

// ---------------------------------------------------------------------------------------------
// Relational forms
// ---------------------------------------------------------------------------------------------

// relop <- '==' / '=' / '!=' / '<>' / '<=' / '>=' / '<' / '>'
struct comparison_operator
    : sor<string<'=', '='>, string<'!', '='>, string<'<', '>'>, string<'<', '='>,
          string<'>', '='>, one<'=', '<', '>'>> {};
struct comparison_operand : seq<whitespace, additive> {};
struct comparison : seq<comparison_operator, must<comparison_operand>> {};

struct kw_matches : reserved<TAO_PEGTL_ISTRING("matches")> {};
struct kw_in : reserved<TAO_PEGTL_ISTRING("in")> {};
struct kw_contains : reserved<TAO_PEGTL_ISTRING("contains")> {};

// The pattern of `matches` is a `/regex/` literal or any string expression.
struct match_pattern : seq<whitespace, sor<regex_literal, additive>> {};
struct matches_test : seq<kw_matches, must<match_pattern>> {};

struct in_item_after_comma : seq<whitespace, expression> {};
struct in_list_end : seq<whitespace, one<')'>> {};
struct in_list
    : seq<whitespace, one<'('>, whitespace, expression,
          star<whitespace, one<','>, must<in_item_after_comma>>, must<in_list_end>> {};
struct not_in_operator : seq<kw_not, whitespace, kw_in> {};
struct in_operator : kw_in {};
struct in_test : seq<sor<not_in_operator, in_operator>, must<in_list>> {};

struct contains_operand : seq<whitespace, additive> {};
struct contains_test : seq<kw_contains, must<contains_operand>> {};

struct relational
    : seq<additive, opt<whitespace, sor<comparison, matches_test, in_test, contains_test>>> {};

// ---------------------------------------------------------------------------------------------
// Boolean operators and the conditional
// ---------------------------------------------------------------------------------------------

struct not_expr;

// NOT binds looser than the relational forms, so `!x matches p` reads as `!(x matches p)`.
struct not_operator : sor<seq<one<'!'>, not_at<one<'='>>>, kw_not> {};
struct negated_operand : seq<whitespace, not_expr> {};
struct negation : seq<not_operator, must<negated_operand>> {};
struct not_expr : sor<negation, relational> {};

struct and_operator : sor<kw_and, two<'&'>> {};
struct and_operand : seq<whitespace, not_expr> {};
struct and_expr : seq<not_expr, star<whitespace, and_operator, must<and_operand>>> {};

struct or_operator : sor<kw_or, two<'|'>> {};
struct or_operand : seq<whitespace, and_expr> {};
struct or_expr : seq<and_expr, star<whitespace, or_operator, must<or_operand>>> {};

struct conditional_then : seq<whitespace, expression> {};
struct conditional_colon : seq<whitespace, one<':'>> {};
struct conditional_else : seq<whitespace, expression> {};

// expr <- or_expr ( '?' expr ':' expr )?
struct expression
    : seq<or_expr, opt<whitespace, one<'?'>, must<conditional_then>, must<conditional_colon>,
                       must<conditional_else>>> {};

} // namespace sumoql::grammar
