#pragma once

// The body of a stage that sumoql recognises but does not interpret, such as `geoip src_ip`.
// It is read as balanced text up to the `|` or `]` that ends the stage, so that the rest of the
// query is still parsed and checked.

#include "grammar/lexical.hpp"

namespace sumoql::grammar {

struct opaque_group;

struct closing_bracket : seq<whitespace, one<']'>> {};

// Comments come first, because a `|` inside a comment does not end the stage. A string or a
// bracketed group is taken whole, so a `|` inside it does not end the stage either.
struct opaque_item
    : sor<comment, string_literal, opaque_group, not_one<'|', '(', ')', '[', ']', '"'>> {};

// Inside brackets a `|` is ordinary text, as in `join (parse ... | count) as t1`.
struct opaque_group_item : sor<opaque_item, one<'|'>> {};

struct opaque_group : sor<seq<one<'('>, star<opaque_group_item>, must<closing_paren>>,
                          seq<one<'['>, star<opaque_group_item>, must<closing_bracket>>> {};

struct opaque_body : star<opaque_item> {};

} // namespace sumoql::grammar
