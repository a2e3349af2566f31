#pragma once

#include "engine/execution/schema.hpp"
#include "engine/expressions/bound_expression.hpp"
#include "grammar/ast.hpp"

#include <string>
#include <string_view>

namespace sumoql {

//! Binds the scope (the search expression before the first pipe) into a boolean expression.
//! Keywords and phrases search the `_raw` slot; `field=value` terms match their field's slot.
BoundExpressionPtr BindScope(const ast::ScopeNode &scope, Schema &schema);

//! The RE2 pattern for a keyword or phrase: its terms, adjacent, as whole terms of the text.
//! A term is a run of letters, digits and `_`; any other visible character is a term of its
//! own. `*` inside a term stands for any run of term characters and `?` for one.
std::string KeywordPattern(std::string_view keyword);

//! The RE2 pattern for the value of `field=value`: the whole value, with `*` for any run of
//! characters and `?` for one, unless the value was quoted.
std::string FieldValuePattern(std::string_view value, bool quoted);

} // namespace sumoql
