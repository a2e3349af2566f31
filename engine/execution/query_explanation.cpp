#include "engine/execution/query_explanation.hpp"

#include "engine/types/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace sumoql {

namespace {

//! Returns the text of `span` with each run of whitespace replaced by one space.
std::string CollapsedText(std::string_view text, std::size_t offset, std::size_t length) {
	std::string collapsed;
	if (offset > text.size()) {
		return collapsed;
	}
	bool in_space = false;
	for (char c : text.substr(offset, length)) {
		if (std::isspace(static_cast<unsigned char>(c))) {
			in_space = true;
			continue;
		}
		if (in_space && !collapsed.empty()) {
			collapsed += ' ';
		}
		in_space = false;
		collapsed += c;
	}
	return collapsed;
}

std::string SpanText(std::string_view text, const SourceSpan &span) {
	return CollapsedText(text, span.offset, span.length);
}

//! Removes repeated reads of one field, ignoring case, and keeps the first spelling.
void RemoveRepeatedReads(std::vector<FieldUse> &reads) {
	std::set<std::string> seen;
	std::erase_if(reads, [&](const FieldUse &use) { return !seen.insert(FoldCase(use.name)).second; });
}

bool HasNodrop(const ast::Operator &op) {
	return std::visit(
	    [](const auto &node) {
		    if constexpr (requires { node.nodrop; }) {
			    return node.nodrop;
		    } else {
			    return true;
		    }
	    },
	    op.node);
}

//! The condition that drops rows at `op`, or empty when it drops none.
std::string FilterOf(const ast::Operator &op, std::string_view text) {
	if (const auto *where = std::get_if<ast::WhereOperator>(&op.node)) {
		return SpanText(text, where->condition->span);
	}
	if (const auto *assign = std::get_if<ast::AssignOperator>(&op.node)) {
		return assign->target.empty() ? SpanText(text, assign->value->span) : std::string();
	}
	if (IsParseStage(op) && !HasNodrop(op)) {
		return "rows that the parse does not match are dropped";
	}
	return {};
}

ExplainedStage ExplainStage(const ast::Operator &op, std::string_view text, bool in_rule) {
	ExplainedStage stage;
	stage.name = std::string(OperatorName(op));
	stage.span = op.span;
	stage.text = SpanText(text, op.span);
	stage.fields = SummarizeStageFields(op);
	RemoveRepeatedReads(stage.fields.reads);
	// A field extraction rule never drops an event, whatever its parse stages match.
	stage.filter = in_rule ? std::string() : FilterOf(op, text);

	if (const auto *fields = std::get_if<ast::FieldsOperator>(&op.node); fields && !fields->exclude) {
		stage.notes.push_back("the _ system fields stay readable by later stages but are not shown");
	}
	if (const auto *assign = std::get_if<ast::AssignOperator>(&op.node); assign && assign->target.empty()) {
		stage.notes.push_back("the result is not stored; the stage only drops the rows the function drops");
	}
	if (const auto *aggregate = std::get_if<ast::AggregateOperator>(&op.node)) {
		for (const auto &call : aggregate->calls) {
			if (call.argument) {
				stage.notes.push_back(fmt::format("the argument of {} at {}:{} is computed in a stage of its own "
				                                  "just before the aggregation",
				                                  call.name, call.field_span.line, call.field_span.column));
			}
		}
	}
	return stage;
}

//! Notes each parse stage that continues a run of parse stages, whose rows an earlier `nodrop`
//! stage of the run keeps.
void NoteParseRuns(const std::vector<const ast::Operator *> &ops, std::vector<ExplainedStage> &stages,
                   std::size_t first_stage) {
	for (std::size_t i = 1; i < ops.size(); i++) {
		if (IsParseStage(*ops[i]) && IsParseStage(*ops[i - 1])) {
			stages[first_stage + i].notes.push_back(
			    fmt::format("continues the run of parse stages from {}:{}, so a row that a 'nodrop' stage of "
			                "the run matched is kept",
			                ops[i - 1]->span.line, ops[i - 1]->span.column));
		}
	}
}

//! Notes each stage that the plan runs later than the query writes it. `first_stage` is the
//! explanation index of the plan's first query position.
void NoteDeferredStages(const QueryPlan &plan, std::vector<ExplainedStage> &stages, std::size_t first_stage) {
	const auto &positions = plan.query_positions;
	for (idx_t run = 0; run < positions.size(); run++) {
		bool deferred = std::find(plan.deferred_stages.begin(), plan.deferred_stages.end(), positions[run]) !=
		                plan.deferred_stages.end();
		if (!deferred || run == 0) {
			continue;
		}
		std::string next = run + 1 < positions.size()
		                       ? fmt::format("stage {}", first_stage + positions[run + 1] + 1)
		                       : std::string("the output");
		stages[first_stage + positions[run]].notes.push_back(
		    fmt::format("keeps every row, so it runs later, after stage {} and just before {}, and parses only "
		                "the rows that reach that point; stage counts still show it here",
		                first_stage + positions[run - 1] + 1, next));
	}
}

//! Adds the field extraction stages that the plan runs, and notes the ones it leaves out.
void ExplainRules(const std::vector<ExtractionRules> &rules, const ast::Query &query,
                  QueryExplanation &explanation) {
	std::vector<const ast::Operator *> all_stages;
	for (const auto &rule : rules) {
		auto stages = rule.StagePointers();
		all_stages.insert(all_stages.end(), stages.begin(), stages.end());
	}
	const auto selected_stages = SelectExtractionStages(all_stages, query);

	for (const auto &rule : rules) {
		// The rule was parsed with `prefix_length` characters in front of its text.
		const std::string parsed_text = std::string(rule.prefix_length, '|') + rule.text;
		for (const ast::Operator *op : rule.StagePointers()) {
			SourceSpan span = op->span;
			span.offset -= std::min(span.offset, rule.prefix_length);
			if (span.line == 1) {
				span.column -= std::min(span.column - 1, rule.prefix_length);
			}
			if (std::find(selected_stages.begin(), selected_stages.end(), op) == selected_stages.end()) {
				explanation.notes.push_back(fmt::format("the field extraction stage at {}:{}:{} is left out, "
				                                        "because the query reads none of the fields it writes",
				                                        rule.source_name, span.line, span.column));
				continue;
			}
			ExplainedStage stage = ExplainStage(*op, parsed_text, true);
			stage.rule_source = rule.source_name;
			stage.span = span;
			explanation.stages.push_back(std::move(stage));
		}
	}
	if (!selected_stages.empty()) {
		explanation.notes.push_back("field extraction rules run on each event before the scope, and never drop "
		                            "an event");
	}
}

} // namespace

QueryExplanation ExplainQuery(const ast::Query &query, std::string_view query_text,
                              const std::vector<ExtractionRules> &rules) {
	PlanOptions options;
	// explain reads no table, so a table that no --lookup maps is planned with the columns the
	// query names, as check plans it.
	options.allow_unmapped_tables = true;
	SourceOptions &source = options.sources.emplace_back();
	for (const auto &rule : rules) {
		auto stages = rule.StagePointers();
		source.fer_stages.insert(source.fer_stages.end(), stages.begin(), stages.end());
	}
	auto plan = PlanQuery(query, options);

	QueryExplanation explanation;
	ExplainRules(rules, query, explanation);

	if (query.scope) {
		ExplainedStage scope;
		scope.name = "scope";
		scope.span = query.scope->span;
		scope.text = SpanText(query_text, query.scope->span);
		CollectScopeFieldNames(*query.scope, scope.fields.reads);
		RemoveRepeatedReads(scope.fields.reads);
		scope.filter = scope.text;
		explanation.stages.push_back(std::move(scope));
	}

	const std::size_t first_query_stage = explanation.stages.size();
	std::vector<const ast::Operator *> ops;
	for (const auto &op : query.operators) {
		explanation.stages.push_back(ExplainStage(op, query_text, false));
		ops.push_back(&op);
	}
	NoteParseRuns(ops, explanation.stages, first_query_stage);
	NoteDeferredStages(*plan, explanation.stages, first_query_stage - (query.scope ? 1 : 0));

	const SourcePipeline &pipeline = plan->sources.front();
	explanation.event_fields = pipeline.event_fields;
	explanation.reads_event_time = pipeline.projection.message_time_slot.has_value();
	explanation.keeps_event_text = plan->output.event_text_slot.has_value();
	return explanation;
}

} // namespace sumoql
