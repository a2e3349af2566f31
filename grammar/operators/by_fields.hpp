#pragma once

// The `by a, b` list that groups rows in result operators such as dedup, total and topk.

#include "grammar/operators/sort.hpp"

namespace sumoql::grammar {

struct by_field : field_name {};
struct next_by_field : seq<whitespace, by_field> {};
struct by_fields : seq<whitespace, by_field, star<whitespace, one<','>, must<next_by_field>>> {};

// by_clause <- 'by' FIELD (',' FIELD)*
struct by_clause : seq<kw_by, must<by_fields>> {};

// A whole number that counts rows, such as the N of `limit N`.
struct row_count : seq<digits, not_at<identifier_other>> {};

} // namespace sumoql::grammar
