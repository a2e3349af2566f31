#pragma once

#include "engine/execution/query_plan.hpp"
#include "engine/execution/stage_field_summary.hpp"
#include "engine/sources/extraction_rules.hpp"
#include "grammar/ast.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! One stage as the plan runs it, for `sumoql explain`.
struct ExplainedStage {
	//! "scope", or the operator name such as "where" or "parse regex" (see OperatorName).
	std::string name;
	//! The rule file of a field extraction stage. It is empty for the query's own stages.
	std::string rule_source;
	//! The stage's place in the query text, or in the rule file's text.
	SourceSpan span;
	//! The stage's text with each run of whitespace replaced by one space.
	std::string text;
	StageFieldSummary fields;
	//! The condition that drops rows: the scope, a `where` condition or a bare predicate, or a
	//! sentence for a parse stage without `nodrop`. It is empty for a stage that drops no row.
	std::string filter;
	//! Notes on the planner's work for this stage, such as a stage it adds before it.
	std::vector<std::string> notes;
};

//! The content of `sumoql explain`: the stages in query order, after the field extraction stages
//! that run before them, with the fields they read and write, and the fields the plan reads from
//! each event.
struct QueryExplanation {
	std::vector<ExplainedStage> stages;
	//! The fields the plan reads from each event, in the order it first reads them.
	std::vector<std::string> event_fields;
	//! True when the plan reads each event's time (`_messageTime` or a time key).
	bool reads_event_time = false;
	//! True when each row keeps the whole event text, because the output shows every field.
	bool keeps_event_text = false;
	std::vector<std::string> notes;
};

//! Plans `query` with the field extraction rules `rules` and describes the plan. `query_text`
//! is the text `query` was parsed from. Throws QueryError when the query does not plan.
QueryExplanation ExplainQuery(const ast::Query &query, std::string_view query_text,
                              const std::vector<ExtractionRules> &rules);

} // namespace sumoql
