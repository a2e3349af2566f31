#pragma once

// Tokens shared by the scope, the expression language and the operators: whitespace and
// comments, string and regex literals, numbers, booleans, null, field names and the
// case-insensitive reserved words.

#include <tao/pegtl.hpp>

namespace sumoql::grammar {

using namespace tao::pegtl;

// ---------------------------------------------------------------------------------------------
// Whitespace and comments
// ---------------------------------------------------------------------------------------------

// `// text` runs to the end of the line.
struct line_comment : seq<two<'/'>, until<eolf>> {};

struct unterminated_block_comment : string<'/', '*'> {};

// `/* text */` ends at the first `*/`, because block comments do not nest.
struct block_comment : sor<seq<string<'/', '*'>, until<string<'*', '/'>>>,
                           seq<at<string<'/', '*'>>, raise<unterminated_block_comment>>> {};

struct comment : sor<line_comment, block_comment> {};

// Newlines are ordinary whitespace, and a comment may stand wherever whitespace may.
struct whitespace : star<sor<space, comment>> {};

// ---------------------------------------------------------------------------------------------
// String and regex literals
// ---------------------------------------------------------------------------------------------

struct escape_sequence : seq<one<'\\'>, any> {};

struct unterminated_string : one<'"'> {};

// A string is delimited by double quotes, and a backslash escapes the character after it.
struct string_literal : sor<seq<one<'"'>, star<sor<escape_sequence, not_one<'"'>>>, one<'"'>>,
                            seq<at<one<'"'>>, raise<unterminated_string>>> {};

struct unterminated_regex : one<'/'> {};

// A regex literal `/re/` contains at least one character, and `\/` puts a slash inside it. It
// may not span lines, so a missing closing slash is reported on the line where it is missing.
struct regex_character : sor<seq<one<'\\'>, not_one<'\n', '\r'>>, not_one<'/', '\n', '\r'>> {};

// `/re/i`: flags after the closing slash, as regex converters write them. Sumo Logic does not
// document them, so they are an extension. Each is an RE2 flag: i, m or s.
struct regex_flags : seq<plus<one<'i', 'm', 's'>>, not_at<identifier_other>> {};

struct regex_literal : sor<seq<one<'/'>, plus<regex_character>, one<'/'>, opt<regex_flags>>,
                           seq<at<one<'/'>>, raise<unterminated_regex>>> {};

// ---------------------------------------------------------------------------------------------
// Numbers, booleans and null
// ---------------------------------------------------------------------------------------------

struct digits : plus<digit> {};
struct fraction : seq<one<'.'>, digits> {};
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, digits> {};

// Size suffixes multiply by powers of 1000 or 1024, and time suffixes give milliseconds. Suffixes
// are case-sensitive (`1m` is a minute, `1M` a million), and two-letter ones are tried first.
struct number_suffix
    : sor<string<'K', 'i'>, string<'M', 'i'>, string<'G', 'i'>, string<'T', 'i'>, string<'P', 'i'>,
          string<'n', 's'>, string<'u', 's'>, string<'m', 's'>,
          one<'K', 'k', 'M', 'G', 'B', 'T', 'P', 's', 'm', 'h', 'd', 'w'>> {};

// A number has no sign (a leading `-` is unary minus) and may not run into a name (`5min`).
// The integer part may be left out, as in `.4`.
struct number_literal : seq<sor<seq<digits, opt<fraction>>, fraction>, opt<exponent>, opt<number_suffix>,
                            not_at<identifier_other>> {};

template <typename Word>
struct reserved : seq<Word, not_at<identifier_other>> {};

struct true_literal : reserved<TAO_PEGTL_ISTRING("true")> {};
struct false_literal : reserved<TAO_PEGTL_ISTRING("false")> {};
struct null_literal : reserved<TAO_PEGTL_ISTRING("null")> {};

// ---------------------------------------------------------------------------------------------
// Field names
// ---------------------------------------------------------------------------------------------

// `name`, `a.b.c`: letters, digits and `_`, not starting with a digit, with dotted parts.
struct dotted_name : seq<identifier, star<one<'.'>, plus<identifier_other>>> {};

// `%"any text"` names a field whose name has spaces or other special characters.
struct quoted_field_name : seq<one<'%'>, string_literal> {};

// `%users[2].address.street`: an unquoted `%` name runs up to whitespace or punctuation that
// an expression uses. This form is a sumoql extension taken from the `json auto` examples.
struct percent_name_character
    : not_one<' ', '\t', '\n', '\r', '\v', '\f', ',', '(', ')', '|', '"', '\'', '=', '!', '<', '>',
              '+', '-', '*', '/', '%', '?', ':'> {};
struct percent_field_name : seq<one<'%'>, plus<percent_name_character>> {};

struct field_name : sor<quoted_field_name, percent_field_name, dotted_name> {};

struct next_field_name : seq<whitespace, field_name> {};

// ---------------------------------------------------------------------------------------------
// Reserved words used by several constructs (each matched case-insensitively)
// ---------------------------------------------------------------------------------------------

struct kw_and : reserved<TAO_PEGTL_ISTRING("and")> {};
struct kw_or : reserved<TAO_PEGTL_ISTRING("or")> {};
struct kw_not : reserved<TAO_PEGTL_ISTRING("not")> {};
struct kw_as : reserved<TAO_PEGTL_ISTRING("as")> {};

// ---------------------------------------------------------------------------------------------
// Shared punctuation
// ---------------------------------------------------------------------------------------------

struct closing_paren : seq<whitespace, one<')'>> {};

// Single quotes do not delimit strings. The rule exists so that a quote where a value is
// expected gets a message of its own.
struct single_quote : one<'\''> {};

} // namespace sumoql::grammar
