#pragma once

#include "grammar/ast.hpp"

#include <vector>

namespace sumoql {

//! Finds each place where the scope or a stage reads a field that the query creates only in a
//! later stage, such as `| where o1 > 3 | num(oct1) as o1`. Fields that no stage creates come
//! from the events, and built-in fields such as `_raw` and `_sourceCategory` always exist, so
//! neither is reported. Returns the findings in query text order.
std::vector<ast::ExtensionUse> FindFieldsReadBeforeCreated(const ast::Query &query);

//! Adds the findings of FindFieldsReadBeforeCreated to `query.extensions`, keeping them in text
//! order. The parser cannot find them, because they need each stage's fields.
void AddFieldOrderFindings(ast::Query &query);

} // namespace sumoql
