#pragma once

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"

#include <vector>

namespace sumoql {

//! Describes each construct of `query` that sumoql cannot run, in query text order: one error
//! per use, naming the operator and the reason. An operator that needs Sumo Logic's service or
//! hosted data is kUnsupported; one that sumoql could run but does not implement is
//! kUnimplemented.
std::vector<Diagnostic> DescribeUnsupported(const ast::Query &query);

} // namespace sumoql
