#pragma once

// `keyvalue` and its short name `kv`: values found next to the keys a query lists, by inference
// or by a regular expression.

#include "grammar/operators/json.hpp"
#include "grammar/operators/split.hpp"

namespace sumoql::grammar {

struct kw_keyvalue : reserved<TAO_PEGTL_ISTRING("keyvalue")> {};
struct kw_kv : reserved<TAO_PEGTL_ISTRING("kv")> {};
struct kw_infer : reserved<TAO_PEGTL_ISTRING("infer")> {};

struct kv_infer : kw_infer {};
struct kv_auto : kw_auto {};

struct kv_regex_pattern : seq<whitespace, string_literal> {};
struct kv_regex : seq<kw_regex, must<kv_regex_pattern>> {};

struct kv_delim_value : seq<whitespace, string_literal> {};
struct kv_delim : seq<kw_delim, must<kv_delim_value>> {};

// [keys] "key" (, "key")*
struct next_kv_key : seq<whitespace, string_literal> {};
struct kv_key_list : seq<opt<kw_keys, whitespace>, string_literal, star<whitespace, one<','>, must<next_kv_key>>> {};

struct kv_option
    : sor<kv_infer, kv_auto, field_option, kv_regex, kv_delim, kv_key_list, refonly, json_aliases, nodrop> {};
struct kv_options : plus<whitespace, kv_option> {};

// kv_op <- ('keyvalue' / 'kv') option+, where the options are 'infer', 'auto', field=F,
// regex "re", delim "c", [keys] "k", ..., refonly, as a, ..., nodrop
struct keyvalue_op : seq<sor<kw_keyvalue, kw_kv>, must<kv_options>> {};

} // namespace sumoql::grammar
