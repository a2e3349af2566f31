#pragma once

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"

#include <vector>

namespace sumoql {

//! Describes the non-Sumo constructs of `query`: one diagnostic per kind of extension, at its
//! first use, saying what real Sumo Logic would do and how to write it portably. Later uses of
//! the same kind are listed by line in the hint, so a run warns once per kind.
//! `severity` is kWarning normally and kError under `--strict`.
std::vector<Diagnostic> DescribeExtensions(const ast::Query &query, Severity severity);

//! Warns about each bare predicate stage, such as `| isPrivateIP(ip)`, whose result is stored
//! nowhere. These are warnings under `--strict` too, because Sumo Logic accepts the syntax.
std::vector<Diagnostic> DescribeBarePredicates(const ast::Query &query);

//! Warns when the scope starts with an operator name followed by more terms, such as
//! `where x="1"`, where a leading '|' was probably forgotten. Sumo Logic reads that word as a
//! search keyword, so this stays a warning under `--strict`.
std::vector<Diagnostic> DescribeScopeOperatorWords(const ast::Query &query);

} // namespace sumoql
