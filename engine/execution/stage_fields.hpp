#pragma once

#include "grammar/ast.hpp"

#include <string>
#include <vector>

namespace sumoql {

// The fields that query stages read and set, for the planner's projection and for leaving out
// extraction stages that a query cannot see.

//! A field that a stage reads, and where the query names it, for "not found" errors.
struct FieldUse {
	std::string name;
	SourceSpan span;
};

//! Adds the fields `expression` reads to `names`.
void CollectFieldNames(const ast::Expression &expression, std::vector<FieldUse> &names);

//! Adds the fields a scope reads to `names`; keywords and phrases read `_raw`.
void CollectScopeFieldNames(const ast::ScopeNode &scope, std::vector<FieldUse> &names);

//! Adds the fields `op` reads to `names`. Returns false for a stage whose reads it cannot list.
bool CollectStageReads(const ast::Operator &op, std::vector<FieldUse> &names);

//! Adds the fields an extraction stage sets to `names`. Returns false when it cannot tell.
bool CollectStageOutputs(const ast::Operator &op, std::vector<std::string> &names);

//! Returns the extraction stages whose fields the query can see. When the query's output is
//! fixed by a `fields` list, a stage that sets only fields no later stage reads is left out, so
//! that its input keys are not read from the events. Otherwise every field shows in the output,
//! and every stage is kept.
std::vector<const ast::Operator *> SelectExtractionStages(const std::vector<const ast::Operator *> &stages,
                                                          const ast::Query &query);

} // namespace sumoql
