#pragma once

#include "grammar/operators/by_fields.hpp"

namespace sumoql::grammar {

struct kw_transpose : reserved<TAO_PEGTL_ISTRING("transpose")> {};
struct kw_row : reserved<TAO_PEGTL_ISTRING("row")> {};
struct kw_column : reserved<TAO_PEGTL_ISTRING("column")> {};

struct row_field : field_name {};
struct column_field : field_name {};
struct output_field : field_name {};
struct dynamic_fields : one<'*'> {};

template <typename Field>
struct transpose_field_list : seq<whitespace, Field, star<whitespace, one<','>, whitespace, Field>> {};

struct transpose_rows : seq<whitespace, kw_row, transpose_field_list<row_field>> {};
struct transpose_columns : seq<whitespace, kw_column, transpose_field_list<column_field>> {};

// out_list <- '*' / FIELD (',' FIELD)* (',' '*')?
struct transpose_outputs
    : seq<whitespace, sor<dynamic_fields,
                          seq<output_field, star<whitespace, one<','>, whitespace, sor<dynamic_fields, output_field>>>>> {};

// transpose_op <- 'transpose' 'row' FIELD (',' FIELD)* 'column' FIELD (',' FIELD)* ('as' out_list)?
struct transpose_op
    : seq<kw_transpose, must<transpose_rows>, must<transpose_columns>, opt<whitespace, kw_as, must<transpose_outputs>>> {};

} // namespace sumoql::grammar
