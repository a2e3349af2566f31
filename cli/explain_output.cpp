#include "cli/explain_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace sumoql {

namespace {

using Json = nlohmann::ordered_json;

//! Stage text longer than this is cut in the text form, which is meant for one terminal line.
constexpr std::size_t kMaxTextWidth = 72;

std::string Shorten(const std::string &text) {
	if (text.size() <= kMaxTextWidth) {
		return text;
	}
	return text.substr(0, kMaxTextWidth - 3) + "...";
}

//! The stage's position in the text as written: `line:column`, after the rule file's name for a
//! field extraction stage.
SourceSpan OriginalSpan(const ExplainedStage &stage, const QueryText &query) {
	return stage.rule_source.empty() ? query.filled.ToOriginal(stage.span, query.text) : stage.span;
}

std::string Position(const ExplainedStage &stage, const QueryText &query) {
	const SourceSpan span = OriginalSpan(stage, query);
	if (!stage.rule_source.empty()) {
		return fmt::format("{}:{}:{}", stage.rule_source, span.line, span.column);
	}
	return fmt::format("{}:{}", span.line, span.column);
}

std::vector<std::string> ReadNames(const ExplainedStage &stage) {
	std::vector<std::string> names;
	for (const auto &use : stage.fields.reads) {
		names.push_back(use.name);
	}
	return names;
}

//! Describes the fields the stage drops from a row. Returns empty when it drops none.
std::string RowChange(const ExplainedStage &stage) {
	const StageFieldSummary &fields = stage.fields;
	switch (fields.change) {
	case RowFieldChange::kKeepsOthers:
		return {};
	case RowFieldChange::kKeepsListed:
		return fmt::format("drops all but {} and the _ system fields", fmt::join(ReadNames(stage), ", "));
	case RowFieldChange::kRemovesListed:
		return fmt::format("drops {}", fmt::join(ReadNames(stage), ", "));
	case RowFieldChange::kReplacesAll: {
		std::vector<std::string> kept = fields.kept_fields;
		kept.insert(kept.end(), fields.writes.begin(), fields.writes.end());
		return fmt::format("drops all but {}{}", fmt::join(kept, ", "),
		                   fields.writes_complete ? "" : " and the fields named after data values");
	}
	}
	return {};
}

const char *RowChangeName(RowFieldChange change) {
	switch (change) {
	case RowFieldChange::kKeepsOthers:
		return "keeps_others";
	case RowFieldChange::kKeepsListed:
		return "keeps_listed";
	case RowFieldChange::kRemovesListed:
		return "removes_listed";
	case RowFieldChange::kReplacesAll:
		return "replaces_all";
	}
	return "unknown";
}

std::string WritesText(const StageFieldSummary &fields) {
	std::string text = fmt::format("{}", fmt::join(fields.writes, ", "));
	if (!fields.writes_complete) {
		text += text.empty() ? "fields named after data values" : ", and fields named after data values";
	}
	return text;
}

void AppendStage(std::size_t number, const ExplainedStage &stage, const QueryText &query, std::size_t name_width,
                 std::size_t position_width, std::string &out) {
	const std::string indent(4 + 2 + name_width + 2 + position_width + 2, ' ');
	out += fmt::format("{:>4}  {:<{}}  {:<{}}  {}\n", number, stage.name, name_width, Position(stage, query),
	                   position_width, Shorten(stage.text));

	auto line = [&](const char *label, const std::string &value) {
		if (!value.empty()) {
			out += fmt::format("{}{:<7} {}\n", indent, label, value);
		}
	};
	line("reads", fmt::format("{}", fmt::join(ReadNames(stage), ", ")));
	line("writes", WritesText(stage.fields));
	line("rows", RowChange(stage));
	if (!stage.filter.empty() && stage.name != "scope" && stage.name != "where") {
		line("filter", stage.filter);
	}
	for (const auto &note : stage.notes) {
		line("note", note);
	}
}

void AppendFilters(const QueryExplanation &explanation, const QueryText &query, std::string &out) {
	out += "\nFilters, in run order:\n";
	std::size_t count = 0;
	for (std::size_t i = 0; i < explanation.stages.size(); i++) {
		const ExplainedStage &stage = explanation.stages[i];
		if (stage.filter.empty()) {
			continue;
		}
		count++;
		out += fmt::format("{:>4}  stage {:<3} {:<11} {:<7}  {}\n", count, i + 1, stage.name,
		                   Position(stage, query), Shorten(stage.filter));
	}
	if (count == 0) {
		out += "   none: every event reaches the output\n";
	}
}

void AppendEventReads(const QueryExplanation &explanation, std::string &out) {
	out += "\nRead from each event:\n";
	if (explanation.event_fields.empty()) {
		out += "   no field\n";
	} else {
		out += fmt::format("   {}\n", fmt::join(explanation.event_fields, ", "));
	}
	if (explanation.reads_event_time) {
		out += "   the event time, from the first of _messageTime, @timestamp, UtcTime, TimeCreated and EventTime "
		       "that the event has\n";
	}
	if (explanation.keeps_event_text) {
		out += "   the whole event text, because no 'fields' list or aggregation fixes the output fields\n";
	}
}

} // namespace

std::string ExplanationToText(const QueryExplanation &explanation, const QueryText &query) {
	std::size_t name_width = 5;
	std::size_t position_width = 5;
	for (const auto &stage : explanation.stages) {
		name_width = std::max(name_width, stage.name.size());
		position_width = std::max(position_width, Position(stage, query).size());
	}

	std::string out = fmt::format("Stages of {}, in query order:\n", query.source_name);
	for (std::size_t i = 0; i < explanation.stages.size(); i++) {
		AppendStage(i + 1, explanation.stages[i], query, name_width, position_width, out);
	}
	AppendFilters(explanation, query, out);
	AppendEventReads(explanation, out);
	if (!explanation.notes.empty()) {
		out += "\nNotes:\n";
		for (const auto &note : explanation.notes) {
			out += fmt::format("   {}\n", note);
		}
	}
	return out;
}

nlohmann::ordered_json ExplanationToJson(const QueryExplanation &explanation, const QueryText &query) {
	Json document;
	document["version"] = kExplainJsonVersion;
	document["source"] = query.source_name;

	Json stages = Json::array();
	Json filters = Json::array();
	for (std::size_t i = 0; i < explanation.stages.size(); i++) {
		const ExplainedStage &stage = explanation.stages[i];
		const SourceSpan span = OriginalSpan(stage, query);
		Json json;
		json["number"] = i + 1;
		json["operator"] = stage.name;
		json["rule_file"] = stage.rule_source.empty() ? Json(nullptr) : Json(stage.rule_source);
		json["line"] = span.line;
		json["column"] = span.column;
		json["offset"] = span.offset;
		json["end"] = span.offset + span.length;
		json["text"] = stage.text;
		json["reads"] = ReadNames(stage);
		json["writes"] = stage.fields.writes;
		json["writes_complete"] = stage.fields.writes_complete;
		json["rows"] = RowChangeName(stage.fields.change);
		json["kept_fields"] = stage.fields.kept_fields;
		json["filter"] = stage.filter.empty() ? Json(nullptr) : Json(stage.filter);
		json["notes"] = stage.notes;
		stages.push_back(std::move(json));

		if (!stage.filter.empty()) {
			filters.push_back(Json {{"stage", i + 1}, {"operator", stage.name}, {"line", span.line},
			                        {"column", span.column}, {"condition", stage.filter}});
		}
	}
	document["stages"] = std::move(stages);
	document["filters"] = std::move(filters);
	document["event_fields"] = explanation.event_fields;
	document["event_time"] = explanation.reads_event_time;
	document["event_text"] = explanation.keeps_event_text;
	document["notes"] = explanation.notes;
	return document;
}

} // namespace sumoql
