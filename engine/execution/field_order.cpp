#include "engine/execution/field_order.hpp"

#include "engine/execution/stage_field_summary.hpp"
#include "engine/types/ascii.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

namespace sumoql {

namespace {

//! Sumo Logic's built-in metadata fields, in lower case. Every event has them, whatever the
//! query creates.
constexpr std::array<std::string_view, 17> kBuiltInFields = {
    "_raw",       "_messagetime", "_receipttime",   "_sourcecategory", "_sourcehost", "_sourcename",
    "_source",    "_collector",   "_sourceid",      "_collectorid",    "_messageid",  "_messagecount",
    "_size",      "_format",      "_view",          "_index",          "_datatier"};

bool IsBuiltIn(const std::string &folded_name) {
	return std::find(kBuiltInFields.begin(), kBuiltInFields.end(), folded_name) != kBuiltInFields.end();
}

struct Creation {
	std::size_t stage = 0;
	SourceSpan span;
};

bool ReadsField(const StageFieldSummary &summary, const std::string &folded_name) {
	return std::any_of(summary.reads.begin(), summary.reads.end(),
	                   [&](const FieldUse &use) { return FoldCase(use.name) == folded_name; });
}

//! Returns, for each field some stage creates, the first stage that writes it. A field whose first
//! writer also reads it, as in `toLowerCase(Image) as Image`, is rewritten in place, so it comes
//! from the events and has no creating stage.
std::map<std::string, Creation> FirstCreations(const std::vector<StageFieldSummary> &summaries,
                                               const ast::Query &query) {
	std::map<std::string, Creation> creations;
	std::set<std::string> from_events;
	for (std::size_t stage = 0; stage < summaries.size(); stage++) {
		for (const auto &name : summaries[stage].writes) {
			std::string folded = FoldCase(name);
			if (creations.count(folded) > 0 || from_events.count(folded) > 0) {
				continue;
			}
			if (ReadsField(summaries[stage], folded)) {
				from_events.insert(std::move(folded));
			} else {
				creations.emplace(std::move(folded), Creation {stage, query.operators[stage].span});
			}
		}
	}
	return creations;
}

//! Reports each of `reads` whose field is first created at `first_later_stage` or after it.
void CheckReads(const std::vector<FieldUse> &reads, std::size_t first_later_stage,
                const std::map<std::string, Creation> &creations, std::vector<ast::ExtensionUse> &findings) {
	for (const auto &use : reads) {
		std::string folded = FoldCase(use.name);
		auto creation = creations.find(folded);
		if (IsBuiltIn(folded) || creation == creations.end() || creation->second.stage < first_later_stage) {
			continue;
		}
		findings.push_back(
		    {ast::ExtensionKind::kFieldReadBeforeCreated, use.span, use.name, creation->second.span});
	}
}

} // namespace

std::vector<ast::ExtensionUse> FindFieldsReadBeforeCreated(const ast::Query &query) {
	std::vector<StageFieldSummary> summaries;
	for (const auto &op : query.operators) {
		summaries.push_back(SummarizeStageFields(op));
	}
	const auto creations = FirstCreations(summaries, query);

	// The scope runs before stage 0, and a stage may read a field that it writes itself.
	std::vector<ast::ExtensionUse> findings;
	if (query.scope) {
		std::vector<FieldUse> reads;
		CollectScopeFieldNames(*query.scope, reads);
		CheckReads(reads, 0, creations, findings);
	}
	for (std::size_t stage = 0; stage < summaries.size(); stage++) {
		CheckReads(summaries[stage].reads, stage + 1, creations, findings);
	}
	return findings;
}

void AddFieldOrderFindings(ast::Query &query) {
	auto findings = FindFieldsReadBeforeCreated(query);
	query.extensions.insert(query.extensions.end(), findings.begin(), findings.end());
	std::stable_sort(query.extensions.begin(), query.extensions.end(),
	                 [](const ast::ExtensionUse &left, const ast::ExtensionUse &right) {
		                 return left.span.offset < right.span.offset;
	                 });
}

} // namespace sumoql
