#include "engine/execution/stage_field_summary.hpp"

#include "engine/operators/outlier.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace sumoql {

namespace {

constexpr std::string_view kMessageTime = "_messageTime";
constexpr std::string_view kRaw = "_raw";

void AddByFields(const std::vector<ast::ByField> &fields, std::vector<FieldUse> &reads) {
	for (const auto &field : fields) {
		reads.push_back({field.name, field.span});
	}
}

void AddByFieldNames(const std::vector<ast::ByField> &fields, std::vector<std::string> &writes) {
	for (const auto &field : fields) {
		writes.push_back(field.name);
	}
}

bool PicksByTime(ast::AggregateKind kind) {
	return kind == ast::AggregateKind::kFirst || kind == ast::AggregateKind::kLast ||
	       kind == ast::AggregateKind::kMostRecent || kind == ast::AggregateKind::kLeastRecent;
}

void SummarizeAggregate(const ast::AggregateOperator &node, StageFieldSummary &summary) {
	AddByFields(node.keys, summary.reads);
	AddByFieldNames(node.keys, summary.kept_fields);
	for (const auto &call : node.calls) {
		if (call.argument) {
			CollectFieldNames(*call.argument, summary.reads);
		} else if (!call.field.empty()) {
			summary.reads.push_back({call.field, call.field_span});
		}
		if (PicksByTime(call.kind)) {
			summary.reads.push_back({std::string(kMessageTime), call.span});
		}
		if (node.count_frequent) {
			summary.writes.push_back(*call.alias);
			continue;
		}
		auto names = AggregateOutputNames(call);
		summary.writes.insert(summary.writes.end(), names.begin(), names.end());
	}
	summary.change = RowFieldChange::kReplacesAll;
}

void SummarizeFieldSum(const ast::FieldSumOperator &node, std::string_view default_name,
                       StageFieldSummary &summary) {
	summary.reads.push_back({node.field, node.field_span});
	AddByFields(node.keys, summary.reads);
	summary.writes.push_back(node.alias ? *node.alias : std::string(default_name));
}

void SummarizeLookup(const ast::Operator &op, const ast::LookupOperator &node, StageFieldSummary &summary) {
	for (const auto &join : node.joins) {
		summary.reads.push_back({join.field, op.span});
	}
	for (const auto &column : node.columns) {
		summary.writes.push_back(column.alias ? *column.alias : column.column);
	}
	summary.writes_complete = !node.all_columns;
}

void SummarizeTranspose(const ast::TransposeOperator &node, StageFieldSummary &summary) {
	AddByFields(node.rows, summary.reads);
	AddByFields(node.columns, summary.reads);
	AddByFieldNames(node.rows, summary.kept_fields);
	summary.writes.insert(summary.writes.end(), node.outputs.begin(), node.outputs.end());
	summary.writes_complete = !node.show_dynamic;
	summary.change = RowFieldChange::kReplacesAll;
}

//! `top N a, b [by k]` keeps one row per combination of a and b, with `_count` or the ranking
//! fields. Without fields it ranks whole rows and changes none.
void SummarizeTop(const ast::TopOperator &node, StageFieldSummary &summary) {
	AddByFields(node.fields, summary.reads);
	for (const auto &key : node.ranking) {
		summary.reads.push_back({key.field, key.span});
	}
	if (node.fields.empty()) {
		return;
	}
	AddByFieldNames(node.fields, summary.kept_fields);
	for (const auto &key : node.ranking) {
		summary.kept_fields.push_back(key.field);
	}
	if (node.ranking.empty()) {
		summary.writes.push_back("_count");
	}
	summary.change = RowFieldChange::kReplacesAll;
}

//! `fillmissing` reads its key fields and adds rows that set them and the fields `with` names.
void SummarizeFillmissing(const ast::FillmissingOperator &node, StageFieldSummary &summary) {
	for (const auto &generator : node.generators) {
		summary.reads.push_back({generator.field, generator.span});
	}
	for (const auto &constant : node.constants) {
		summary.writes.push_back(constant.field);
	}
}

//! `outlier f [by a]` reads f, `_timeslice` and the group fields, and adds its six `f_` fields.
void SummarizeOutlier(const ast::Operator &op, const ast::OutlierOperator &node, StageFieldSummary &summary) {
	summary.reads.push_back({node.field, node.field_span});
	summary.reads.push_back({"_timeslice", op.span});
	AddByFields(node.keys, summary.reads);
	for (const char *suffix : kOutlierSuffixes) {
		summary.writes.push_back(node.field + suffix);
	}
}

//! Fills the reads and writes of the stages that stage_fields does not list.
void SummarizeOtherStage(const ast::Operator &op, StageFieldSummary &summary) {
	std::visit(
	    [&](const auto &node) {
		    using Node = std::decay_t<decltype(node)>;
		    if constexpr (std::is_same_v<Node, ast::AggregateOperator>) {
			    SummarizeAggregate(node, summary);
		    } else if constexpr (std::is_same_v<Node, ast::DedupOperator>) {
			    if (node.keys.empty()) {
				    summary.reads.push_back({std::string(kRaw), op.span});
			    }
			    AddByFields(node.keys, summary.reads);
		    } else if constexpr (std::is_same_v<Node, ast::TotalOperator>) {
			    SummarizeFieldSum(node, "_total", summary);
		    } else if constexpr (std::is_same_v<Node, ast::AccumOperator>) {
			    SummarizeFieldSum(node, "_accum", summary);
		    } else if constexpr (std::is_same_v<Node, ast::DiffOperator>) {
			    SummarizeFieldSum(node, "_diff", summary);
		    } else if constexpr (std::is_same_v<Node, ast::LookupOperator>) {
			    SummarizeLookup(op, node, summary);
		    } else if constexpr (std::is_same_v<Node, ast::TransposeOperator>) {
			    SummarizeTranspose(node, summary);
		    } else if constexpr (std::is_same_v<Node, ast::TopkOperator>) {
			    AddByFields(node.ranked, summary.reads);
			    AddByFields(node.keys, summary.reads);
			    summary.writes.push_back("_rank");
		    } else if constexpr (std::is_same_v<Node, ast::TopOperator>) {
			    SummarizeTop(node, summary);
		    } else if constexpr (std::is_same_v<Node, ast::FillmissingOperator>) {
			    SummarizeFillmissing(node, summary);
		    } else if constexpr (std::is_same_v<Node, ast::OutlierOperator>) {
			    SummarizeOutlier(op, node, summary);
		    } else if constexpr (std::is_same_v<Node, ast::TimesliceOperator>) {
			    summary.reads.push_back({std::string(kMessageTime), op.span});
			    summary.writes.push_back(node.alias ? *node.alias : "_timeslice");
			    summary.writes.push_back("__timeslice_end");
		    }
	    },
	    op.node);
}

} // namespace

std::string_view OperatorName(const ast::Operator &op) {
	return std::visit(
	    [](const auto &node) -> std::string_view {
		    using Node = std::decay_t<decltype(node)>;
		    if constexpr (std::is_same_v<Node, ast::WhereOperator>) {
			    return "where";
		    } else if constexpr (std::is_same_v<Node, ast::ParseAnchorOperator>) {
			    return "parse";
		    } else if constexpr (std::is_same_v<Node, ast::ParseRegexOperator>) {
			    return "parse regex";
		    } else if constexpr (std::is_same_v<Node, ast::JsonOperator>) {
			    return "json";
		    } else if constexpr (std::is_same_v<Node, ast::ParseXmlOperator>) {
			    return "parse xml";
		    } else if constexpr (std::is_same_v<Node, ast::KeyValueOperator>) {
			    return "keyvalue";
		    } else if constexpr (std::is_same_v<Node, ast::SplitOperator>) {
			    return "split";
		    } else if constexpr (std::is_same_v<Node, ast::AssignOperator>) {
			    return node.from_eval ? "eval" : "as";
		    } else if constexpr (std::is_same_v<Node, ast::FieldsOperator>) {
			    return "fields";
		    } else if constexpr (std::is_same_v<Node, ast::SortOperator>) {
			    return "sort";
		    } else if constexpr (std::is_same_v<Node, ast::LimitOperator>) {
			    return "limit";
		    } else if constexpr (std::is_same_v<Node, ast::DedupOperator>) {
			    return "dedup";
		    } else if constexpr (std::is_same_v<Node, ast::TotalOperator>) {
			    return "total";
		    } else if constexpr (std::is_same_v<Node, ast::AccumOperator>) {
			    return "accum";
		    } else if constexpr (std::is_same_v<Node, ast::DiffOperator>) {
			    return "diff";
		    } else if constexpr (std::is_same_v<Node, ast::LookupOperator>) {
			    return "lookup";
		    } else if constexpr (std::is_same_v<Node, ast::TransposeOperator>) {
			    return "transpose";
		    } else if constexpr (std::is_same_v<Node, ast::AggregateOperator>) {
			    return node.count_frequent ? "count_frequent" : "aggregation";
		    } else if constexpr (std::is_same_v<Node, ast::TimesliceOperator>) {
			    return "timeslice";
		    } else if constexpr (std::is_same_v<Node, ast::TopkOperator>) {
			    return "topk";
		    } else if constexpr (std::is_same_v<Node, ast::OutlierOperator>) {
			    return "outlier";
		    } else if constexpr (std::is_same_v<Node, ast::TopOperator>) {
			    return "top";
		    } else {
			    static_assert(std::is_same_v<Node, ast::FillmissingOperator>, "every operator has a name");
			    return "fillmissing";
		    }
	    },
	    op.node);
}

bool IsParseStage(const ast::Operator &op) {
	// `json auto` never drops a row, so it neither keeps a row for a later stage nor needs one
	// kept for itself.
	const auto *json = std::get_if<ast::JsonOperator>(&op.node);
	if (json && json->auto_mode) {
		return false;
	}
	return std::holds_alternative<ast::ParseAnchorOperator>(op.node) ||
	       std::holds_alternative<ast::ParseRegexOperator>(op.node) ||
	       std::holds_alternative<ast::ParseXmlOperator>(op.node) ||
	       std::holds_alternative<ast::JsonOperator>(op.node) ||
	       std::holds_alternative<ast::KeyValueOperator>(op.node);
}

std::string DefaultAggregateName(const ast::AggregateCall &call) {
	switch (call.kind) {
	case ast::AggregateKind::kCount:
		return "_count";
	case ast::AggregateKind::kCountDistinct:
		return "_count_distinct";
	case ast::AggregateKind::kSum:
		return "_sum";
	case ast::AggregateKind::kAvg:
		return "_avg";
	case ast::AggregateKind::kMin:
		return "_min";
	case ast::AggregateKind::kMax:
		return "_max";
	case ast::AggregateKind::kPercentile:
		break;
	case ast::AggregateKind::kStddev:
		return "_stddev";
	case ast::AggregateKind::kFirst:
		return "_first";
	case ast::AggregateKind::kLast:
		return "_last";
	case ast::AggregateKind::kMostRecent:
		return "_mostrecent";
	case ast::AggregateKind::kLeastRecent:
		return "_leastrecent";
	case ast::AggregateKind::kValues:
		return "_values";
	}
	return {};
}

std::vector<std::string> AggregateOutputNames(const ast::AggregateCall &call) {
	if (call.kind != ast::AggregateKind::kPercentile || call.alias) {
		return {call.alias ? *call.alias : DefaultAggregateName(call)};
	}
	std::vector<std::string> names;
	for (const auto &text : call.percentile_texts) {
		// An expression argument has no field name to put in the output name.
		names.push_back(call.field.empty() ? fmt::format("_pct_{}", text)
		                                   : fmt::format("_{}_pct_{}", call.field, text));
	}
	return names;
}

StageFieldSummary SummarizeStageFields(const ast::Operator &op) {
	StageFieldSummary summary;
	if (!CollectStageReads(op, summary.reads)) {
		SummarizeOtherStage(op, summary);
		return summary;
	}

	if (const auto *fields = std::get_if<ast::FieldsOperator>(&op.node)) {
		summary.change = fields->exclude ? RowFieldChange::kRemovesListed : RowFieldChange::kKeepsListed;
		return summary;
	}
	if (std::holds_alternative<ast::WhereOperator>(op.node) || std::holds_alternative<ast::SortOperator>(op.node)) {
		return summary;
	}
	summary.writes_complete = CollectStageOutputs(op, summary.writes);
	std::erase(summary.writes, std::string());
	return summary;
}

} // namespace sumoql
