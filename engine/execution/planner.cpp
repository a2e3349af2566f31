#include "engine/execution/query_plan.hpp"

#include "engine/execution/scope_binder.hpp"
#include "engine/expressions/expression_binder.hpp"
#include "engine/expressions/regex_syntax.hpp"
#include "engine/operators/assign.hpp"
#include "engine/operators/fields.hpp"
#include "engine/operators/parse_anchor.hpp"
#include "engine/operators/parse_json.hpp"
#include "engine/operators/parse_xml.hpp"
#include "engine/operators/parse_regex.hpp"
#include "engine/operators/sort.hpp"
#include "engine/operators/where.hpp"
#include "grammar/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace sumoql {

namespace {

constexpr std::string_view kMessageTime = "_messageTime";
constexpr std::string_view kRaw = "_raw";
//! The slot name of each event's JSON text. No query can spell it, so it never clashes.
constexpr std::string_view kEventTextSlotName = "\x01event";

[[noreturn]] void ThrowAt(SourceSpan span, std::string message, std::string hint = {}) {
	throw QueryError({Diagnostic {Severity::kError, span, std::move(message), std::move(hint)}});
}

void CollectFieldNames(const ast::Expression &expression, std::vector<std::string> &names);

void CollectChild(const ast::ExpressionPtr &child, std::vector<std::string> &names) {
	if (child) {
		CollectFieldNames(*child, names);
	}
}

void CollectFieldNames(const ast::Expression &expression, std::vector<std::string> &names) {
	std::visit(
	    [&](const auto &node) {
		    using Node = std::decay_t<decltype(node)>;
		    if constexpr (std::is_same_v<Node, ast::FieldReference>) {
			    names.push_back(node.name);
		    } else if constexpr (std::is_same_v<Node, ast::UnaryExpression>) {
			    CollectChild(node.operand, names);
		    } else if constexpr (std::is_same_v<Node, ast::BinaryExpression>) {
			    CollectChild(node.left, names);
			    CollectChild(node.right, names);
		    } else if constexpr (std::is_same_v<Node, ast::MatchesExpression>) {
			    CollectChild(node.subject, names);
			    CollectChild(node.pattern, names);
		    } else if constexpr (std::is_same_v<Node, ast::InExpression>) {
			    CollectChild(node.subject, names);
			    for (const auto &item : node.items) {
				    CollectChild(item, names);
			    }
		    } else if constexpr (std::is_same_v<Node, ast::FunctionCall>) {
			    for (const auto &argument : node.arguments) {
				    CollectChild(argument, names);
			    }
		    } else if constexpr (std::is_same_v<Node, ast::ConditionalExpression>) {
			    CollectChild(node.condition, names);
			    CollectChild(node.then_value, names);
			    CollectChild(node.else_value, names);
		    }
	    },
	    expression.node);
}

void CollectScopeFieldNames(const ast::ScopeNode &scope, std::vector<std::string> &names) {
	std::visit(
	    [&](const auto &node) {
		    using Node = std::decay_t<decltype(node)>;
		    if constexpr (std::is_same_v<Node, ast::ScopeFieldTerm>) {
			    names.push_back(node.field);
		    } else if constexpr (std::is_same_v<Node, ast::ScopeKeyword> || std::is_same_v<Node, ast::ScopePhrase>) {
			    names.emplace_back(kRaw);
		    } else if constexpr (std::is_same_v<Node, ast::ScopeNot>) {
			    CollectScopeFieldNames(*node.term, names);
		    } else {
			    for (const auto &term : node.terms) {
				    CollectScopeFieldNames(*term, names);
			    }
		    }
	    },
	    scope.node);
}

//! Builds a plan stage by stage. Fields that a stage reads before any stage created them come
//! from the events, so only those are projected.
class Planner {
public:
	Planner(const PlanOptions &options) : options_(options), plan_(std::make_unique<QueryPlan>()) {
	}

	std::unique_ptr<QueryPlan> Build(const ast::Query &query);

private:
	void ReadFromEvents(const std::vector<std::string> &names);
	void MarkCreated(std::string_view name);
	void PlanOperator(const ast::Operator &op, const ast::WhereOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::ParseAnchorOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::ParseRegexOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::JsonOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::ParseXmlOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::AssignOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::FieldsOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::SortOperator &node);
	ParseSettings ParseSettingsFor(const std::optional<std::string> &field, bool nodrop);
	void FinishProjection();

	const PlanOptions &options_;
	std::unique_ptr<QueryPlan> plan_;
	//! Slots of fields a stage created, and of fields read from events before any stage did.
	std::set<idx_t> created_;
	std::set<idx_t> read_from_events_;
	//! A `fields a, b` stage: it removes every slot but the listed ones, the `_` system fields and
	//! the fields created after it, and later stages may still add slots to the schema.
	struct Allowlist {
		FieldsOperator *op;
		std::set<idx_t> kept;
	};
	std::vector<Allowlist> allowlists_;
	bool previous_was_parse_ = false;
	bool needs_message_time_ = false;
};

std::unique_ptr<QueryPlan> Planner::Build(const ast::Query &query) {
	Schema &schema = plan_->schema;
	plan_->output.event_text_slot = schema.AddField(kEventTextSlotName);

	if (query.scope) {
		std::vector<std::string> names;
		CollectScopeFieldNames(*query.scope, names);
		ReadFromEvents(names);
		plan_->operators.push_back(std::make_unique<WhereOperator>(BindScope(*query.scope, schema)));
	}

	for (const auto &op : query.operators) {
		bool is_parse = std::holds_alternative<ast::ParseAnchorOperator>(op.node) ||
		                std::holds_alternative<ast::ParseRegexOperator>(op.node) ||
		                std::holds_alternative<ast::ParseXmlOperator>(op.node) ||
		                std::holds_alternative<ast::JsonOperator>(op.node);
		std::visit([&](const auto &node) { PlanOperator(op, node); }, op.node);
		previous_was_parse_ = is_parse;
	}

	FinishProjection();
	return std::move(plan_);
}

void Planner::ReadFromEvents(const std::vector<std::string> &names) {
	for (const auto &name : names) {
		if (EqualsIgnoringCase(name, kMessageTime)) {
			needs_message_time_ = true;
			continue;
		}
		idx_t slot = plan_->schema.AddField(name);
		if (created_.count(slot) == 0) {
			read_from_events_.insert(slot);
			plan_->projection.AddField(name, slot);
		}
	}
}

void Planner::MarkCreated(std::string_view name) {
	OutputLayout &output = plan_->output;
	idx_t slot = plan_->schema.AddField(name);
	created_.insert(slot);
	if (std::find(output.columns.begin(), output.columns.end(), slot) == output.columns.end()) {
		output.columns.push_back(slot);
	}
	std::erase(output.excluded, FoldCase(name));
	for (auto &allowlist : allowlists_) {
		allowlist.kept.insert(slot);
	}
}

void Planner::PlanOperator(const ast::Operator &, const ast::WhereOperator &node) {
	std::vector<std::string> names;
	CollectFieldNames(*node.condition, names);
	ReadFromEvents(names);

	ExpressionBinder binder(plan_->schema, *plan_->stats, options_.now_ms);
	plan_->operators.push_back(std::make_unique<WhereOperator>(binder.Bind(*node.condition)));
}

ParseSettings Planner::ParseSettingsFor(const std::optional<std::string> &field, bool nodrop) {
	std::string input = field ? *field : std::string(kRaw);
	ReadFromEvents({input});

	ParseSettings settings;
	settings.input_slot = plan_->schema.AddField(input);
	settings.nodrop = nodrop;
	settings.starts_run = !previous_was_parse_;
	return settings;
}

void Planner::PlanOperator(const ast::Operator &, const ast::ParseAnchorOperator &node) {
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop);

	std::vector<idx_t> slots;
	for (const auto &alias : node.aliases) {
		slots.push_back(plan_->schema.AddField(alias));
		MarkCreated(alias);
	}
	plan_->operators.push_back(std::make_unique<ParseAnchorOperator>(settings, node.pattern, std::move(slots)));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::ParseRegexOperator &node) {
	if (node.multi && node.patterns.size() > 1) {
		ThrowAt(node.pattern_spans[1], "'multi' takes one regular expression",
		        "split the regular expressions into separate parse regex stages");
	}
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop);

	std::vector<ParseRegexOperator::Pattern> patterns;
	for (idx_t i = 0; i < node.patterns.size(); i++) {
		SourceSpan span = i < node.pattern_spans.size() ? node.pattern_spans[i] : op.span;
		auto regex = CompileSumoRegex(node.patterns[i]);
		if (!regex->ok()) {
			ThrowAt(span, fmt::format("invalid regular expression: {}", regex->error()),
			        "parse regex takes an RE2 regular expression with named groups such as (?<name>...)");
		}

		const auto &names = regex->CapturingGroupNames();
		int group_count = regex->NumberOfCapturingGroups();
		if (HasNestedNamedGroups(node.patterns[i])) {
			ThrowAt(span, "the regular expression has a named group inside another named group",
			        "Sumo Logic does not support nested named groups, so make the outer group non-capturing with (?:...)");
		}
		if (names.empty()) {
			ThrowAt(span, "the regular expression has no named group",
			        "name each value to extract, as in (?<user>\\w+)");
		}
		if (static_cast<int>(names.size()) != group_count) {
			ThrowAt(span, "the regular expression has a capturing group without a name",
			        "name the group, as in (?<name>...), or make it non-capturing with (?:...)");
		}

		ParseRegexOperator::Pattern pattern;
		pattern.regex = std::move(regex);
		for (int group = 1; group <= group_count; group++) {
			const std::string &name = names.at(group);
			pattern.group_slots.push_back(plan_->schema.AddField(name));
			MarkCreated(name);
		}
		patterns.push_back(std::move(pattern));
	}
	plan_->operators.push_back(std::make_unique<ParseRegexOperator>(settings, std::move(patterns), node.multi));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::JsonOperator &node) {
	if (node.auto_mode) {
		ThrowAt(op.span, "'json auto' is not supported yet", "name the keys to extract, as in json \"user.name\"");
	}
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop);

	std::vector<JsonOperator::Target> targets;
	for (idx_t i = 0; i < node.paths.size(); i++) {
		std::string error;
		auto path = ParseJsonPath(node.paths[i], error);
		if (!path) {
			ThrowAt(node.path_spans[i], fmt::format("invalid JSON path \"{}\": {}", node.paths[i], error),
			        "write keys as a.b, array elements as a[0] or a[*], and odd keys as ['a key']");
		}
		std::string name = node.aliases.empty() ? path->DefaultFieldName() : node.aliases[i];
		idx_t slot = plan_->schema.AddField(name);
		MarkCreated(name);
		targets.push_back({std::move(*path), slot});
	}
	plan_->operators.push_back(std::make_unique<JsonOperator>(settings, std::move(targets)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::ParseXmlOperator &node) {
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop);

	std::vector<ParseXmlOperator::Target> targets;
	for (idx_t i = 0; i < node.paths.size(); i++) {
		std::string error;
		auto query = ParseXmlOperator::CompileXPath(node.paths[i], error);
		if (!query) {
			ThrowAt(node.path_spans[i], fmt::format("invalid XPath \"{}\": {}", node.paths[i], error),
			        "write a full path from the root, such as /Event/EventData/Data[@Name='Image']/text()");
		}
		std::string name = node.aliases.empty() ? ParseXmlOperator::DefaultFieldName(node.paths[i]) : node.aliases[i];
		if (name.empty() || name.find_first_of("*()") != std::string::npos) {
			ThrowAt(node.path_spans[i], fmt::format("the XPath \"{}\" does not end in a name to call its field",
			                                        node.paths[i]),
			        "name the field with 'as', as in parse xml \"/a/*\" as value");
		}
		idx_t slot = plan_->schema.AddField(name);
		MarkCreated(name);
		targets.push_back({std::move(query), slot});
	}
	plan_->operators.push_back(std::make_unique<ParseXmlOperator>(settings, std::move(targets)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::AssignOperator &node) {
	std::vector<std::string> names;
	CollectFieldNames(*node.value, names);
	ReadFromEvents(names);

	ExpressionBinder binder(plan_->schema, *plan_->stats, options_.now_ms);
	auto value = binder.Bind(*node.value);
	idx_t target = plan_->schema.AddField(node.target);
	MarkCreated(node.target);
	plan_->operators.push_back(std::make_unique<AssignOperator>(std::move(value), target));
}

void Planner::PlanOperator(const ast::Operator &, const ast::FieldsOperator &node) {
	ReadFromEvents(node.names);
	OutputLayout &output = plan_->output;
	Schema &schema = plan_->schema;

	std::vector<idx_t> listed;
	for (const auto &name : node.names) {
		listed.push_back(schema.AddField(name));
	}

	std::vector<idx_t> removed;
	auto op = std::make_unique<FieldsOperator>(std::vector<idx_t> {});
	if (node.exclude) {
		removed = listed;
		for (const auto &name : node.names) {
			output.excluded.push_back(FoldCase(name));
		}
		std::erase_if(output.columns, [&](idx_t slot) { return std::count(listed.begin(), listed.end(), slot) > 0; });
	} else {
		// The removed slots are settled in FinishProjection, when every slot is known.
		allowlists_.push_back({op.get(), std::set<idx_t>(listed.begin(), listed.end())});
		output.include_event_fields = false;
		output.columns = listed;
	}
	op->SetRemovedSlots(std::move(removed));
	plan_->operators.push_back(std::move(op));
}

void Planner::PlanOperator(const ast::Operator &, const ast::SortOperator &node) {
	std::vector<SortKeySlot> keys;
	for (const auto &key : node.keys) {
		ReadFromEvents({key.field});
		keys.push_back({plan_->schema.AddField(key.field), key.descending});
	}
	plan_->operators.push_back(std::make_unique<SortOperator>(std::move(keys)));
}

void Planner::FinishProjection() {
	Projection &projection = plan_->projection;
	OutputLayout &output = plan_->output;
	Schema &schema = plan_->schema;

	if (output.include_event_fields) {
		projection.event_text_slot = output.event_text_slot;
		needs_message_time_ = true;
	} else {
		output.event_text_slot.reset();
	}

	if (needs_message_time_) {
		idx_t slot = schema.AddField(kMessageTime);
		projection.message_time_slot = slot;
		output.message_time_slot = slot;
		projection.AddTimeCandidate(kMessageTime, 0);
		if (options_.time_field) {
			projection.AddTimeCandidate(*options_.time_field, 1);
		} else {
			int rank = 1;
			for (std::string_view name : {"@timestamp", "UtcTime", "TimeCreated", "EventTime"}) {
				projection.AddTimeCandidate(name, rank++);
			}
		}
	}

	// Sumo keeps `_` system fields through an allowlist: they stay readable, but only the listed
	// fields are shown.
	for (auto &allowlist : allowlists_) {
		std::vector<idx_t> removed;
		for (idx_t slot = 0; slot < schema.size(); slot++) {
			bool is_system = schema.name(slot).starts_with('_') || schema.name(slot) == kEventTextSlotName;
			if (!allowlist.kept.count(slot) && !is_system) {
				removed.push_back(slot);
			}
		}
		allowlist.op->SetRemovedSlots(std::move(removed));
	}

	auto raw = schema.Find(kRaw);
	if (raw && read_from_events_.count(*raw)) {
		projection.raw_slot = *raw;
	}
	for (const auto &[name, value] : options_.defaults) {
		auto slot = schema.Find(name);
		if (slot && read_from_events_.count(*slot)) {
			projection.defaults.emplace_back(*slot, value);
		}
	}
}

} // namespace

std::unique_ptr<QueryPlan> PlanQuery(const ast::Query &query, const PlanOptions &options) {
	return Planner(options).Build(query);
}

} // namespace sumoql
