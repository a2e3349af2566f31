#pragma once

// The `json` operator: explicit JSON paths, or `json auto`, which extracts every key.

#include "grammar/operators/parse.hpp"

namespace sumoql::grammar {

struct kw_json : reserved<TAO_PEGTL_ISTRING("json")> {};
struct kw_auto : reserved<TAO_PEGTL_ISTRING("auto")> {};
struct kw_keys : reserved<TAO_PEGTL_ISTRING("keys")> {};
struct kw_refonly : reserved<TAO_PEGTL_ISTRING("refonly")> {};
struct kw_maxdepth : reserved<TAO_PEGTL_ISTRING("maxdepth")> {};
struct kw_extractarrays : reserved<TAO_PEGTL_ISTRING("extractarrays")> {};

// Each path is a quoted JSONPath subset: `a.b`, `a[0]`, `a[*].b`, `['odd key']`.
struct next_json_path : seq<whitespace, string_literal> {};
struct json_paths : seq<whitespace, string_literal, star<whitespace, one<','>, must<next_json_path>>> {};

struct json_aliases : seq<kw_as, must<alias_list>> {};

// Published queries also give each path its own name: json "a" as x, "b" as y.
struct json_pair_alias : seq<whitespace, field_name> {};
struct json_pair : seq<string_literal, whitespace, kw_as, must<json_pair_alias>> {};
struct next_json_pair : seq<whitespace, json_pair> {};
struct json_pairs : seq<whitespace, json_pair, star<whitespace, one<','>, must<next_json_pair>>> {};

// json [field=F] "path" (, "path")* [as a, b] [nodrop]
// json [field=F] "path" as a (, "path" as b)* [nodrop]
struct json_explicit
    : seq<opt<whitespace, field_option>, sor<json_pairs, seq<must<json_paths>, opt<whitespace, json_aliases>>>,
          opt<whitespace, nodrop>> {};

struct maxdepth_number : digits {};
struct maxdepth_value : seq<whitespace, maxdepth_number> {};
struct maxdepth_option : seq<kw_maxdepth, must<maxdepth_value>> {};
struct refonly : kw_refonly {};
struct extractarrays : kw_extractarrays {};

// keys "k" (, "k")* [refonly] [as a, b]
struct json_auto_keys : seq<kw_keys, must<json_paths>, opt<whitespace, refonly>, opt<whitespace, json_aliases>> {};

struct json_auto_option : sor<field_option, maxdepth_option, extractarrays, json_auto_keys, nodrop> {};

// json auto [field=F] [maxdepth N] [extractarrays] [keys ...] [nodrop], options in any order
struct json_auto : seq<whitespace, kw_auto, star<whitespace, json_auto_option>> {};

struct json_op : seq<kw_json, sor<json_auto, json_explicit>> {};

} // namespace sumoql::grammar
