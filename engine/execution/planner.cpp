#include "engine/execution/query_plan.hpp"

#include "engine/execution/scope_binder.hpp"
#include "engine/execution/stage_field_summary.hpp"
#include "engine/execution/stage_fields.hpp"
#include "engine/expressions/expression_binder.hpp"
#include "engine/expressions/regex_syntax.hpp"
#include "engine/operators/accum.hpp"
#include "engine/operators/assign.hpp"
#include "engine/operators/dedup.hpp"
#include "engine/operators/deferred_field_reader.hpp"
#include "engine/operators/fields.hpp"
#include "engine/operators/fillmissing.hpp"
#include "engine/operators/limit.hpp"
#include "engine/operators/lookup.hpp"
#include "engine/operators/hash_aggregate.hpp"
#include "engine/operators/parse_anchor.hpp"
#include "engine/operators/json_path.hpp"
#include "engine/operators/parse_json.hpp"
#include "engine/operators/parse_json_auto.hpp"
#include "engine/operators/parse_keyvalue_auto.hpp"
#include "engine/operators/parse_keyvalue.hpp"
#include "engine/operators/parse_xml.hpp"
#include "engine/operators/parse_regex.hpp"
#include "engine/operators/outlier.hpp"
#include "engine/operators/sort.hpp"
#include "engine/operators/split.hpp"
#include "engine/operators/time_range.hpp"
#include "engine/operators/top.hpp"
#include "engine/operators/topk.hpp"
#include "engine/operators/total.hpp"
#include "engine/operators/transpose.hpp"
#include "engine/operators/timeslice.hpp"
#include "engine/operators/where.hpp"
#include "grammar/diagnostic.hpp"
#include "grammar/unsupported.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

namespace sumoql {

namespace {

constexpr std::string_view kMessageTime = "_messageTime";
constexpr std::string_view kRaw = "_raw";
//! The slot name of each event's JSON text.
constexpr std::string_view kEventTextSlotName = "\x01event";
//! The slot name of each event's text while its deferred keys are unread.
constexpr std::string_view kPendingEventSlotName = "\x01pending";
//! The prefix of other slot names that no query can spell.
constexpr std::string_view kHiddenSlotPrefix = "\x01";

//! Sumo Logic's documented row limits: dedup processes at most this many raw messages, and total
//! sums at most this many rows.
constexpr idx_t kDedupMaxRawRows = 100000;
constexpr idx_t kTotalMaxRows = 100000;
//! Sumo Logic's fillmissing enumerates at most this many combinations of key values, the same
//! limit as the groups of an aggregation.
constexpr idx_t kFillmissingMaxCombinations = 10000;
//! Sumo Logic documents that `json auto` and `keyvalue auto` show at most this many fields per
//! message, besides the fields the query names.
constexpr idx_t kAutoMaxShownFields = 100;
//! Sumo Logic's transpose creates at most this many fields from column values.
constexpr idx_t kTransposeMaxColumns = 300;

[[noreturn]] void ThrowAt(SourceSpan span, std::string message, std::string hint = {}) {
	throw QueryError({Diagnostic {Severity::kError, span, std::move(message), std::move(hint)}});
}

//! A short name of the stage for the run's stage counts, such as "where at 2:3", with the line
//! and column where `explain` places it.
std::string StageLabel(const ast::Operator &op) {
	return fmt::format("{} at {}:{}", OperatorName(op), op.span.line, op.span.column);
}

//! Builds a plan stage by stage. Fields that a stage reads before any stage created them come
//! from the events, so only those are projected. Each source's field extraction stages are
//! planned first, into that source's pipeline, and the query's stages after them.
class Planner {
public:
	Planner(const PlanOptions &options) : options_(options), plan_(std::make_unique<QueryPlan>()) {
		if (options_.sources.empty()) {
			options_.sources.emplace_back();
		}
	}

	std::unique_ptr<QueryPlan> Build(const ast::Query &query);

private:
	void PlanSource(idx_t source, const std::vector<const ast::Operator *> &stages);
	void PlanTimeRange();
	idx_t ReadField(const FieldUse &use);
	void ReadFromEvents(const std::vector<FieldUse> &names);
	void MarkCreated(std::string_view name);
	void MarkParsed(std::string_view name, SourceSpan span);
	AutoFieldSink MakeAutoFieldSink(const std::vector<std::pair<std::string, std::string>> &listed, bool refonly);
	void PlanJsonAuto(const ast::Operator &op, const ast::JsonOperator &node);
	void PlanKeyValueAuto(const ast::Operator &op, const ast::KeyValueOperator &node);
	void AddOperator(std::unique_ptr<PhysicalOperator> op);
	void PlanOperator(const ast::Operator &op, const ast::WhereOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::ParseAnchorOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::ParseRegexOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::JsonOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::SplitOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::KeyValueOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::ParseXmlOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::AssignOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::FieldsOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::SortOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::LimitOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::DedupOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::TotalOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::AccumOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::DiffOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::LookupOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::TransposeOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::TopkOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::TopOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::FillmissingOperator &node);
	FillGeneratorSettings PlanFillGenerator(const ast::FillGenerator &generator);
	idx_t FindRowField(const std::string &name, SourceSpan span, std::string_view operator_name);
	idx_t ReadFillField(const std::string &name, SourceSpan span);
	void PlanOperator(const ast::Operator &op, const ast::OutlierOperator &node);
	std::vector<SortKeySlot> PlanTopGroups(const ast::TopOperator &node);
	void ShowAggregateRows(const std::vector<idx_t> &key_slots, const std::vector<idx_t> &output_slots);
	std::shared_ptr<const LookupTable> ResolveTable(const ast::TableSource &table,
	                                                std::vector<std::string> named_columns = {});
	idx_t FindTableColumn(const LookupTable &table, const ast::TableSource &source, const std::string &column,
	                      SourceSpan span);
	std::vector<idx_t> ReadKeySlots(const std::vector<ast::ByField> &keys);
	std::vector<idx_t> ReadGroupKeySlots(const std::vector<ast::ByField> &keys);
	AccumSettings PlanRunningField(const ast::FieldSumOperator &node, std::string_view default_name);
	void PlanOperator(const ast::Operator &op, const ast::AggregateOperator &node);
	void PlanOperator(const ast::Operator &op, const ast::TimesliceOperator &node);
	BoundAggregate BindAggregate(const ast::AggregateCall &call, std::vector<std::string> &output_names);
	idx_t PlanAggregateArgument(const ast::Expression &argument);
	ParseSettings ParseSettingsFor(const std::optional<std::string> &field, bool nodrop, SourceSpan span);
	void FinishProjection();
	void FinishSourceProjection(idx_t source);
	void DeferParseStages();
	void DeferEventKeys();

	PlanOptions options_;
	std::unique_ptr<QueryPlan> plan_;
	//! Slots of fields a query stage created, and of fields read from events before any stage
	//! did. A field that a source's extraction created is not read from that source's events.
	std::set<idx_t> created_;
	std::vector<std::set<idx_t>> created_by_source_;
	std::vector<std::set<idx_t>> read_from_events_;
	//! The source whose extraction stages are being planned; unset for the query's stages.
	std::optional<idx_t> current_source_;
	//! The label of the query stage being planned.
	std::string stage_label_;
	//! A `fields a, b` stage: it removes every slot but the listed ones, the `_` system fields and
	//! the fields created after it, and later stages may still add slots to the schema.
	struct Allowlist {
		FieldsOperator *op;
		std::set<idx_t> kept;
	};
	std::vector<Allowlist> allowlists_;
	//! The `json auto` and `keyvalue auto` stages since the last aggregation, without `refonly`.
	//! A field that a later stage reads may be one of their keys, so it becomes a target of each.
	std::vector<AutoFieldSink *> auto_sinks_;
	bool previous_was_parse_ = false;
	bool needs_message_time_ = false;
	//! The slots one query stage reads and writes, collected while it is planned.
	struct StageSlots {
		std::set<idx_t> reads;
		std::set<idx_t> writes;
		//! A `where` or an assignment: a streaming stage whose effect on a row depends only on
		//! the slots it reads.
		bool row_local = false;
		//! A streaming stage whose `reads` lists every slot it reads: a row-local stage, the
		//! scope, the time range, or a `parse` or `parse regex` without `multi`.
		bool known_reads = false;
		//! A stage that drops the rows its condition rejects: `where`, the scope or the time range.
		bool drops_rows = false;
		//! A `parse` or `parse regex` with `nodrop` that starts a run of parse stages. It moves
		//! only when no other parse stage follows it.
		bool deferrable = false;
		bool is_parse = false;
	};
	StageSlots current_stage_;
	bool stage_is_parse_ = false;
	//! One entry per query operator, in query order.
	std::vector<StageSlots> stage_slots_;
	//! Set once an aggregation stage ran: later stages see aggregate rows, not raw messages.
	bool aggregated_ = false;
	//! The width of the last `timeslice` with a fixed width, which `fillmissing timeslice` uses
	//! when it gives none.
	std::optional<double> timeslice_width_ms_;
	//! Aggregate results that are always numbers, such as `_count`: fillmissing fills them with 0.
	std::set<idx_t> numeric_slots_;
	//! Set by an aggregation: the slots a later stage may read, which are the group-by fields,
	//! the results, and the fields created after it.
	std::optional<std::set<idx_t>> visible_after_aggregation_;
};

std::unique_ptr<QueryPlan> Planner::Build(const ast::Query &query) {
	Schema &schema = plan_->schema;
	plan_->output.event_text_slot = schema.AddField(kEventTextSlotName);

	idx_t source_count = options_.sources.size();
	plan_->sources.resize(source_count);
	created_by_source_.resize(source_count);
	read_from_events_.resize(source_count);
	for (idx_t source = 0; source < source_count; source++) {
		PlanSource(source, SelectExtractionStages(options_.sources[source].fer_stages, query));
	}

	if (query.cat_table) {
		plan_->cat_table = ResolveTable(*query.cat_table);
		plan_->cat_table_name = query.cat_table->location;
	}

	PlanTimeRange();
	if (query.scope) {
		std::vector<FieldUse> names;
		CollectScopeFieldNames(*query.scope, names);
		ReadFromEvents(names);
		plan_->scope_index = plan_->operators.size();
		stage_label_ = "scope";
		current_stage_.known_reads = true;
		current_stage_.drops_rows = true;
		AddOperator(std::make_unique<WhereOperator>(BindScope(*query.scope, schema)));
	}

	previous_was_parse_ = false;
	for (const auto &op : query.operators) {
		bool is_parse = IsParseStage(op);
		stage_label_ = StageLabel(op);
		stage_is_parse_ = is_parse;
		std::visit([&](const auto &node) { PlanOperator(op, node); }, op.node);
		previous_was_parse_ = is_parse;
	}

	FinishProjection();
	DeferParseStages();
	DeferEventKeys();
	return std::move(plan_);
}

void Planner::PlanSource(idx_t source, const std::vector<const ast::Operator *> &stages) {
	current_source_ = source;
	previous_was_parse_ = false;
	for (const ast::Operator *op : stages) {
		bool is_parse = IsParseStage(*op);
		bool extracts = is_parse || std::holds_alternative<ast::AssignOperator>(op->node) ||
		                std::holds_alternative<ast::SplitOperator>(op->node);
		if (!extracts) {
			ThrowAt(op->span, "a field extraction rule may only parse fields or assign them with 'as'",
			        "move filters, 'fields' and 'sort' into the query");
		}
		const auto *regex = std::get_if<ast::ParseRegexOperator>(&op->node);
		if (regex && regex->multi) {
			ThrowAt(op->span, "a field extraction rule cannot use 'parse regex ... multi'",
			        "a rule gives each event one set of fields; use 'multi' in the query");
		}
		std::visit([&](const auto &node) { PlanOperator(*op, node); }, op->node);
		previous_was_parse_ = is_parse;
	}
	current_source_.reset();
}

void Planner::PlanTimeRange() {
	if (!options_.from && !options_.to) {
		return;
	}
	needs_message_time_ = true;
	idx_t slot = plan_->schema.AddField(kMessageTime);
	plan_->time_range_index = plan_->operators.size();
	stage_label_ = "time range";
	current_stage_.reads.insert(slot);
	current_stage_.known_reads = true;
	current_stage_.drops_rows = true;
	AddOperator(std::make_unique<TimeRangeOperator>(slot, options_.from, options_.to));
}

void Planner::AddOperator(std::unique_ptr<PhysicalOperator> op) {
	if (current_source_) {
		plan_->sources[*current_source_].stages.push_back(std::move(op));
		current_stage_ = StageSlots();
	} else {
		plan_->operators.push_back(std::move(op));
		plan_->stage_labels.push_back(stage_label_);
		current_stage_.is_parse = stage_is_parse_;
		stage_slots_.push_back(std::move(current_stage_));
		current_stage_ = StageSlots();
	}
}

//! Returns the slot of a field a stage reads. Before any aggregation, a field that no stage
//! created comes from the events. After one, only the fields that survived it exist.
idx_t Planner::ReadField(const FieldUse &use) {
	if (EqualsIgnoringCase(use.name, kMessageTime)) {
		// The built-in field keeps its documented spelling whatever the query wrote first.
		plan_->schema.AddField(kMessageTime);
	}
	idx_t slot = plan_->schema.AddField(use.name);
	if (!current_source_) {
		current_stage_.reads.insert(slot);
	}
	bool built_in = EqualsIgnoringCase(use.name, kMessageTime) || EqualsIgnoringCase(use.name, kRaw);
	if (!built_in && !auto_sinks_.empty()) {
		for (AutoFieldSink *sink : auto_sinks_) {
			sink->AddTarget(use.name, slot);
		}
		if (visible_after_aggregation_) {
			visible_after_aggregation_->insert(slot);
		}
	}
	if (visible_after_aggregation_) {
		if (visible_after_aggregation_->count(slot) == 0) {
			ThrowAt(use.span, fmt::format("Field {} not found, please check the spelling and try again", use.name),
			        "after an aggregation, rows hold only its group-by fields and results; "
			        "add the field to 'by' to keep it");
		}
		return slot;
	}

	if (EqualsIgnoringCase(use.name, kMessageTime)) {
		needs_message_time_ = true;
		return slot;
	}
	if (created_.count(slot)) {
		return slot;
	}
	for (idx_t source = 0; source < plan_->sources.size(); source++) {
		if (current_source_ && *current_source_ != source) {
			continue;
		}
		if (created_by_source_[source].count(slot) == 0) {
			if (read_from_events_[source].insert(slot).second) {
				plan_->sources[source].event_fields.push_back(use.name);
			}
			plan_->sources[source].projection.AddField(use.name, slot);
		}
	}
	return slot;
}

void Planner::ReadFromEvents(const std::vector<FieldUse> &names) {
	for (const auto &use : names) {
		ReadField(use);
	}
}

void Planner::MarkCreated(std::string_view name) {
	OutputLayout &output = plan_->output;
	idx_t slot = plan_->schema.AddField(name);
	if (current_source_) {
		created_by_source_[*current_source_].insert(slot);
	} else {
		created_.insert(slot);
		current_stage_.writes.insert(slot);
	}
	if (std::find(output.columns.begin(), output.columns.end(), slot) == output.columns.end()) {
		output.columns.push_back(slot);
	}
	std::erase(output.excluded, FoldCase(name));
	for (auto &allowlist : allowlists_) {
		allowlist.kept.insert(slot);
	}
	if (visible_after_aggregation_) {
		visible_after_aggregation_->insert(slot);
	}
}

//! Marks a field that a parse stage sets when it matches. A stage that does not match leaves the
//! field as it was, so before any aggregation the field is also read from the events, which may
//! have it.
void Planner::MarkParsed(std::string_view name, SourceSpan span) {
	if (!visible_after_aggregation_) {
		ReadField({std::string(name), span});
	}
	MarkCreated(name);
}

void Planner::PlanOperator(const ast::Operator &, const ast::WhereOperator &node) {
	std::vector<FieldUse> names;
	CollectFieldNames(*node.condition, names);
	ReadFromEvents(names);

	ExpressionBinder binder(plan_->schema, *plan_->stats, QueryClock {options_.now_ms, options_.from, options_.to});
	current_stage_.row_local = true;
	current_stage_.known_reads = true;
	current_stage_.drops_rows = true;
	AddOperator(std::make_unique<WhereOperator>(binder.Bind(*node.condition)));
}

ParseSettings Planner::ParseSettingsFor(const std::optional<std::string> &field, bool nodrop, SourceSpan span) {
	std::string input = field ? *field : std::string(kRaw);
	ReadField({input, span});

	ParseSettings settings;
	settings.input_slot = plan_->schema.AddField(input);
	// Sumo's field extraction rules never drop a message, whatever the parse result.
	settings.nodrop = nodrop || current_source_.has_value();
	settings.starts_run = !previous_was_parse_;
	return settings;
}

void Planner::PlanOperator(const ast::Operator &op, const ast::ParseAnchorOperator &node) {
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop, op.span);

	std::vector<idx_t> slots;
	for (const auto &alias : node.aliases) {
		slots.push_back(plan_->schema.AddField(alias));
		MarkParsed(alias, op.span);
	}
	current_stage_.deferrable = settings.nodrop && settings.starts_run;
	current_stage_.known_reads = true;
	AddOperator(std::make_unique<ParseAnchorOperator>(settings, node.pattern, std::move(slots)));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::ParseRegexOperator &node) {
	if (node.multi && node.patterns.size() > 1) {
		ThrowAt(node.pattern_spans[1], "'multi' takes one regular expression",
		        "split the regular expressions into separate parse regex stages");
	}
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop, op.span);

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
			MarkParsed(name, span);
		}
		patterns.push_back(std::move(pattern));
	}
	current_stage_.deferrable = settings.nodrop && settings.starts_run && !node.multi;
	current_stage_.known_reads = !node.multi;
	AddOperator(std::make_unique<ParseRegexOperator>(settings, std::move(patterns), node.multi));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::JsonOperator &node) {
	if (node.auto_mode) {
		PlanJsonAuto(op, node);
		return;
	}
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop, op.span);

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
		MarkParsed(name, node.path_spans[i]);
		targets.push_back({std::move(*path), slot});
	}
	AddOperator(std::make_unique<JsonOperator>(settings, std::move(targets)));
}

//! Makes the sink of an auto extraction stage. The listed keys become fields of their own, and
//! so does every field an earlier stage created, because Sumo documents that `json auto`
//! replaces fields extracted before it. Without `refonly`, a hidden slot contains the other fields.
AutoFieldSink Planner::MakeAutoFieldSink(const std::vector<std::pair<std::string, std::string>> &listed, bool refonly) {
	Schema &schema = plan_->schema;

	// The listed keys show first, then the others.
	std::vector<idx_t> listed_slots;
	for (const auto &[key, field] : listed) {
		listed_slots.push_back(schema.AddField(field));
		MarkCreated(field);
	}
	std::optional<idx_t> auto_slot;
	if (!refonly) {
		auto_slot = schema.AddField(fmt::format("{}auto{}", kHiddenSlotPrefix, plan_->output.auto_field_slots.size()));
		MarkCreated(schema.name(*auto_slot));
		plan_->output.auto_field_slots.push_back(*auto_slot);
	}
	AutoFieldSink sink(auto_slot, kAutoMaxShownFields);
	for (idx_t i = 0; i < listed.size(); i++) {
		sink.AddTarget(listed[i].second, listed_slots[i]);
	}

	std::set<idx_t> earlier = current_source_ ? created_by_source_[*current_source_] : created_;
	for (idx_t slot : earlier) {
		const std::string &name = schema.name(slot);
		if (!name.starts_with('_') && !name.starts_with(kHiddenSlotPrefix)) {
			sink.AddTarget(name, slot);
		}
	}
	return sink;
}

//! Pairs each listed key with its field: its `as` name, or the key itself.
std::vector<std::pair<std::string, std::string>> ListedKeys(const std::vector<std::string> &keys,
                                                           const std::vector<std::string> &aliases) {
	std::vector<std::pair<std::string, std::string>> listed;
	for (idx_t i = 0; i < keys.size(); i++) {
		listed.emplace_back(keys[i], aliases.empty() ? keys[i] : aliases[i]);
	}
	return listed;
}

void Planner::PlanJsonAuto(const ast::Operator &op, const ast::JsonOperator &node) {
	ParseSettings settings = ParseSettingsFor(node.field, true, op.span);

	JsonAutoSettings options;
	options.max_depth = node.max_depth;
	options.extract_arrays = node.extract_arrays;
	options.keys.renames = ListedKeys(node.paths, node.aliases);
	options.keys.refonly = node.refonly;

	AutoFieldSink sink = MakeAutoFieldSink(options.keys.renames, node.refonly);
	auto stage = std::make_unique<JsonAutoOperator>(settings, std::move(options), std::move(sink));
	if (!node.refonly) {
		auto_sinks_.push_back(&stage->sink());
	}
	AddOperator(std::move(stage));
}

void Planner::PlanKeyValueAuto(const ast::Operator &op, const ast::KeyValueOperator &node) {
	if (node.regex) {
		ThrowAt(node.regex_span, "keyvalue auto takes no regular expression",
		        "use kv auto to find every pair, or kv regex \"re\" \"key\" for listed keys");
	}
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop, op.span);

	KeyValueAutoSettings options;
	options.delimiter = node.delimiter;
	options.keys.renames = ListedKeys(node.keys, node.aliases);
	options.keys.refonly = node.refonly;
	options.keys.case_sensitive = true;

	AutoFieldSink sink = MakeAutoFieldSink(options.keys.renames, node.refonly);
	auto stage = std::make_unique<KeyValueAutoOperator>(settings, std::move(options), std::move(sink));
	if (!node.refonly) {
		auto_sinks_.push_back(&stage->sink());
	}
	AddOperator(std::move(stage));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::ParseXmlOperator &node) {
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop, op.span);

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
		MarkParsed(name, node.path_spans[i]);
		targets.push_back({std::move(query), slot});
	}
	AddOperator(std::make_unique<ParseXmlOperator>(settings, std::move(targets)));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::KeyValueOperator &node) {
	if (node.auto_mode) {
		PlanKeyValueAuto(op, node);
		return;
	}
	if (node.delimiter) {
		ThrowAt(op.span, "'delim' applies only to keyvalue auto", "write kv auto delim \":\", or leave out delim");
	}
	if (node.refonly) {
		ThrowAt(op.span, "'refonly' applies only to keyvalue auto", "leave out refonly: kv extracts only the listed keys");
	}
	ParseSettings settings = ParseSettingsFor(node.field, node.nodrop, op.span);

	std::unique_ptr<RE2> regex;
	if (node.regex) {
		regex = CompileSumoRegex(*node.regex);
		if (!regex->ok()) {
			ThrowAt(node.regex_span, fmt::format("invalid regular expression: {}", regex->error()),
			        "keyvalue regex takes an RE2 regular expression with one group for the value, or two for the key and the value");
		}
		int groups = regex->NumberOfCapturingGroups();
		if (groups != 1 && groups != 2) {
			ThrowAt(node.regex_span, fmt::format("the regular expression has {} capturing groups", groups),
			        "use one group for the value, or two for the key and the value, as in \"(\\w+)=(\\S+)\"");
		}
	}

	std::vector<KeyValueOperator::Target> targets;
	for (idx_t i = 0; i < node.keys.size(); i++) {
		std::string name = node.aliases.empty() ? KeyValueOperator::DefaultFieldName(node.keys[i]) : node.aliases[i];
		idx_t slot = plan_->schema.AddField(name);
		MarkParsed(name, op.span);
		targets.push_back({node.keys[i], slot});
	}
	AddOperator(std::make_unique<KeyValueOperator>(settings, std::move(regex), std::move(targets)));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::SplitOperator &node) {
	idx_t input_slot = ReadField({node.field, op.span});

	std::vector<SplitOperator::Column> columns;
	for (const auto &column : node.columns) {
		idx_t slot = plan_->schema.AddField(column.name);
		MarkCreated(column.name);
		columns.push_back({column.position - 1, slot});
	}
	AddOperator(std::make_unique<SplitOperator>(input_slot, node.delimiter, node.quote, node.escape, std::move(columns)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::AssignOperator &node) {
	std::vector<FieldUse> names;
	CollectFieldNames(*node.value, names);
	ReadFromEvents(names);

	ExpressionBinder binder(plan_->schema, *plan_->stats, QueryClock {options_.now_ms, options_.from, options_.to});
	auto value = binder.Bind(*node.value);
	current_stage_.row_local = true;
	current_stage_.known_reads = true;
	if (node.target.empty()) {
		AddOperator(std::make_unique<AssignOperator>(std::move(value), std::nullopt));
		return;
	}
	idx_t target = plan_->schema.AddField(node.target);
	MarkCreated(node.target);
	AddOperator(std::make_unique<AssignOperator>(std::move(value), target));
}

void Planner::PlanOperator(const ast::Operator &stage, const ast::FieldsOperator &node) {
	for (idx_t i = 0; i < node.names.size(); i++) {
		// Removing a field that did not survive an aggregation removes nothing, so it is no error.
		const bool absent = visible_after_aggregation_ &&
		                    visible_after_aggregation_->count(plan_->schema.AddField(node.names[i])) == 0;
		if (node.exclude && absent) {
			continue;
		}
		ReadField({node.names[i], i < node.name_spans.size() ? node.name_spans[i] : stage.span});
	}
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
		output.dynamic_columns_at.reset();
	}
	op->SetRemovedSlots(std::move(removed));
	AddOperator(std::move(op));
}

void Planner::PlanOperator(const ast::Operator &, const ast::SortOperator &node) {
	std::vector<SortKeySlot> keys;
	for (const auto &key : node.keys) {
		keys.push_back({ReadField({key.field, key.span}), key.descending});
	}
	AddOperator(std::make_unique<SortOperator>(std::move(keys)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::LimitOperator &node) {
	AddOperator(std::make_unique<LimitOperator>(node.count));
}

std::vector<idx_t> Planner::ReadKeySlots(const std::vector<ast::ByField> &keys) {
	std::vector<idx_t> slots;
	for (const auto &key : keys) {
		slots.push_back(ReadField({key.name, key.span}));
	}
	return slots;
}

void Planner::PlanOperator(const ast::Operator &op, const ast::DedupOperator &node) {
	DedupSettings settings;
	if (node.keys.empty() && aggregated_) {
		// Rows after an aggregation have no `_raw` to compare, so the general hint about adding
		// the field to 'by' would not help.
		std::vector<std::string> names;
		for (idx_t slot : plan_->output.columns) {
			names.push_back(plan_->schema.name(slot));
		}
		ThrowAt(op.span, "dedup without 'by' compares _raw, which rows after an aggregation do not have",
		        fmt::format("name the fields to compare, as in dedup by {}. The rows have the fields {}",
		                    names.empty() ? "_count" : names.front(), fmt::join(names, ", ")));
	}
	if (node.keys.empty()) {
		settings.key_slots = ReadKeySlots({ast::ByField {std::string(kRaw), op.span}});
	} else {
		settings.key_slots = ReadKeySlots(node.keys);
	}
	settings.keep_count = node.count;
	settings.consecutive = node.consecutive;
	if (!aggregated_) {
		settings.max_rows = kDedupMaxRawRows;
	}
	settings.span = op.span;
	AddOperator(std::make_unique<DedupOperator>(std::move(settings)));
}

AccumSettings Planner::PlanRunningField(const ast::FieldSumOperator &node, std::string_view default_name) {
	AccumSettings settings;
	settings.input_slot = ReadField({node.field, node.field_span});
	settings.key_slots = ReadKeySlots(node.keys);

	std::string output = node.alias ? *node.alias : std::string(default_name);
	settings.output_slot = plan_->schema.AddField(output);
	MarkCreated(output);
	return settings;
}

void Planner::PlanOperator(const ast::Operator &op, const ast::TotalOperator &node) {
	AccumSettings running = PlanRunningField(node, "_total");

	TotalSettings settings;
	settings.input_slot = running.input_slot;
	settings.output_slot = running.output_slot;
	settings.key_slots = std::move(running.key_slots);
	settings.max_rows = kTotalMaxRows;
	settings.span = op.span;
	AddOperator(std::make_unique<TotalOperator>(std::move(settings)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::AccumOperator &node) {
	AccumSettings settings = PlanRunningField(node, "_accum");
	settings.kind = AccumKind::kRunningSum;
	AddOperator(std::make_unique<AccumOperator>(std::move(settings)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::DiffOperator &node) {
	AccumSettings settings = PlanRunningField(node, "_diff");
	settings.kind = AccumKind::kDifference;
	AddOperator(std::make_unique<AccumOperator>(std::move(settings)));
}

std::shared_ptr<const LookupTable> Planner::ResolveTable(const ast::TableSource &table,
                                                         std::vector<std::string> named_columns) {
	// A hosted table such as geo://location never gets here, because PlanQuery rejects its query.
	std::shared_ptr<const LookupTable> found;
	if (options_.lookups) {
		found = options_.lookups->Find(table.location);
	}
	if (!found && options_.allow_unmapped_tables) {
		return LookupTable::Empty(std::move(named_columns));
	}
	if (!found) {
		ThrowAt(table.span, fmt::format("lookup table '{}' is not mapped to a file", table.location),
		        fmt::format("map the table to a CSV file with --lookup '{}=FILE.csv' or an entry under 'lookups:' "
		                    "in sumoql.yaml",
		                    table.location));
	}
	return found;
}

idx_t Planner::FindTableColumn(const LookupTable &table, const ast::TableSource &source, const std::string &column,
                               SourceSpan span) {
	auto found = table.FindColumn(column);
	if (!found) {
		ThrowAt(span, fmt::format("lookup table '{}' has no column '{}'", source.location, column),
		        fmt::format("its columns are: {}", fmt::join(table.columns(), ", ")));
	}
	return *found;
}

void Planner::PlanOperator(const ast::Operator &op, const ast::LookupOperator &node) {
	LookupSettings settings;
	std::vector<std::string> named_columns;
	for (const auto &join : node.joins) {
		named_columns.push_back(join.column);
	}
	for (const auto &column : node.columns) {
		named_columns.push_back(column.column);
	}
	settings.table = ResolveTable(node.table, std::move(named_columns));
	const LookupTable &table = *settings.table;

	for (const auto &join : node.joins) {
		settings.key_slots.push_back(ReadField({join.field, op.span}));
		settings.key_columns.push_back(FindTableColumn(table, node.table, join.column, join.column_span));
	}

	auto add_output = [&](idx_t column, const std::string &name) {
		settings.output_columns.push_back(column);
		settings.output_slots.push_back(plan_->schema.AddField(name));
		MarkCreated(name);
	};
	if (node.all_columns) {
		for (idx_t column = 0; column < table.columns().size(); column++) {
			add_output(column, table.columns()[column]);
		}
	}
	for (const auto &column : node.columns) {
		idx_t index = FindTableColumn(table, node.table, column.column, column.span);
		add_output(index, column.alias ? *column.alias : table.columns()[index]);
	}
	AddOperator(std::make_unique<LookupOperator>(std::move(settings)));
}

void Planner::PlanOperator(const ast::Operator &op, const ast::TransposeOperator &node) {
	OutputLayout &output = plan_->output;
	if (output.include_event_fields) {
		ThrowAt(op.span, "transpose needs rows with a fixed set of fields, such as the rows of an aggregation",
		        "put an aggregation such as 'count by _timeslice, status' or a 'fields' list before transpose");
	}

	TransposeSettings settings;
	settings.row_slots = ReadKeySlots(node.rows);
	settings.column_slots = ReadKeySlots(node.columns);
	settings.max_columns = kTransposeMaxColumns;
	settings.span = op.span;

	// The cells hold the one field that is neither a row nor a column field.
	std::vector<idx_t> values;
	for (idx_t slot : output.columns) {
		bool is_key = std::count(settings.row_slots.begin(), settings.row_slots.end(), slot) > 0 ||
		              std::count(settings.column_slots.begin(), settings.column_slots.end(), slot) > 0;
		bool is_auto = std::count(output.auto_field_slots.begin(), output.auto_field_slots.end(), slot) > 0;
		if (!is_key && !is_auto) {
			values.push_back(slot);
		}
	}
	if (values.size() != 1) {
		std::vector<std::string> names;
		for (idx_t slot : values) {
			names.push_back(plan_->schema.name(slot));
		}
		ThrowAt(op.span,
		        fmt::format("transpose needs exactly one field besides the row and column fields, and the rows "
		                    "have {}{}",
		                    values.size(), values.empty() ? "" : fmt::format(": {}", fmt::join(names, ", "))),
		        "keep one value field, for example with 'fields - other' before transpose");
	}
	settings.value_slot = values.front();

	// The output shows the row fields, the `as` fields, then (unless an `as` list without `*`
	// excludes them) the fields made from column values.
	output.columns = settings.row_slots;
	for (const auto &name : node.outputs) {
		idx_t slot = plan_->schema.AddField(name);
		MarkCreated(name);
		if (std::find(output.columns.begin(), output.columns.end(), slot) == output.columns.end()) {
			output.columns.push_back(slot);
		}
	}
	output.dynamic_columns_at.reset();
	if (node.show_dynamic) {
		output.dynamic_columns_at = output.columns.size();
	}
	AddOperator(std::make_unique<TransposeOperator>(std::move(settings), plan_->schema, output));
}

//! Computes an aggregate's expression argument, such as `x * 2` in `sum(x * 2)`, into a slot
//! that no query can name, in a stage that runs just before the aggregation.
idx_t Planner::PlanAggregateArgument(const ast::Expression &argument) {
	std::vector<FieldUse> names;
	CollectFieldNames(argument, names);
	ReadFromEvents(names);

	ExpressionBinder binder(plan_->schema, *plan_->stats, QueryClock {options_.now_ms, options_.from, options_.to});
	auto value = binder.Bind(argument);
	idx_t slot = plan_->schema.AddField(fmt::format("{}argument{}", kHiddenSlotPrefix, plan_->schema.size()));
	AddOperator(std::make_unique<AssignOperator>(std::move(value), slot));
	return slot;
}

//! True for the aggregates whose result is a number for every group: `count` (also of no row),
//! and the numeric statistics, which are null only for a group without numbers.
bool HasNumericResult(ast::AggregateKind kind) {
	switch (kind) {
	case ast::AggregateKind::kCount:
	case ast::AggregateKind::kCountDistinct:
	case ast::AggregateKind::kSum:
	case ast::AggregateKind::kAvg:
	case ast::AggregateKind::kMin:
	case ast::AggregateKind::kMax:
	case ast::AggregateKind::kStddev:
	case ast::AggregateKind::kPercentile:
		return true;
	default:
		return false;
	}
}

BoundAggregate Planner::BindAggregate(const ast::AggregateCall &call, std::vector<std::string> &output_names) {
	std::optional<idx_t> slot;
	if (call.argument) {
		slot = PlanAggregateArgument(*call.argument);
	} else if (!call.field.empty()) {
		slot = ReadField({call.field, call.field_span});
	}

	BoundAggregate bound;
	switch (call.kind) {
	case ast::AggregateKind::kCount:
		bound.function = MakeCount(slot);
		break;
	case ast::AggregateKind::kCountDistinct:
		bound.function = MakeCountDistinct(*slot);
		break;
	case ast::AggregateKind::kSum:
		bound.function = MakeNumericStatistic(NumericStatistic::kSum, *slot);
		break;
	case ast::AggregateKind::kAvg:
		bound.function = MakeNumericStatistic(NumericStatistic::kAvg, *slot);
		break;
	case ast::AggregateKind::kMin:
		bound.function = MakeNumericStatistic(NumericStatistic::kMin, *slot);
		break;
	case ast::AggregateKind::kMax:
		bound.function = MakeNumericStatistic(NumericStatistic::kMax, *slot);
		break;
	case ast::AggregateKind::kStddev:
		bound.function = MakeNumericStatistic(NumericStatistic::kStddev, *slot);
		break;
	case ast::AggregateKind::kPercentile:
		bound.function = MakePercentile(*slot, call.percentiles);
		break;
	case ast::AggregateKind::kValues:
		bound.function = MakeValues(*slot);
		break;
	case ast::AggregateKind::kFirst:
	case ast::AggregateKind::kLast:
	case ast::AggregateKind::kMostRecent:
	case ast::AggregateKind::kLeastRecent: {
		static constexpr PickedValue kPicks[] = {PickedValue::kFirst, PickedValue::kLast, PickedValue::kMostRecent,
		                                         PickedValue::kLeastRecent};
		auto pick = kPicks[static_cast<int>(call.kind) - static_cast<int>(ast::AggregateKind::kFirst)];
		idx_t time_slot = ReadField({std::string(kMessageTime), call.span});
		bound.function = MakePickValue(pick, *slot, time_slot);
		break;
	}
	}

	auto names = AggregateOutputNames(call);
	output_names.insert(output_names.end(), names.begin(), names.end());
	return bound;
}

//! Returns the slots of the group-by fields of an aggregation, which may not repeat a field.
std::vector<idx_t> Planner::ReadGroupKeySlots(const std::vector<ast::ByField> &keys) {
	std::vector<idx_t> key_slots;
	for (const auto &key : keys) {
		idx_t slot = ReadField({key.name, key.span});
		if (std::find(key_slots.begin(), key_slots.end(), slot) != key_slots.end()) {
			ThrowAt(key.span, fmt::format("field '{}' is listed twice", key.name), "remove the repeated name");
		}
		key_slots.push_back(slot);
	}
	return key_slots;
}

void Planner::PlanOperator(const ast::Operator &, const ast::AggregateOperator &node) {
	Schema &schema = plan_->schema;

	std::vector<idx_t> key_slots = ReadGroupKeySlots(node.keys);

	std::vector<BoundAggregate> aggregates;
	std::vector<idx_t> output_slots;
	std::set<idx_t> visible(key_slots.begin(), key_slots.end());
	numeric_slots_.clear();
	for (const auto &call : node.calls) {
		std::vector<std::string> names;
		BoundAggregate bound = call.kind == ast::AggregateKind::kCount && node.count_frequent
		                           ? BoundAggregate {MakeCount(std::nullopt), {}}
		                           : BindAggregate(call, names);
		if (node.count_frequent) {
			names = {*call.alias};
		}

		for (const auto &name : names) {
			idx_t slot = schema.AddField(name);
			if (visible.count(slot)) {
				ThrowAt(call.span, fmt::format("the stage has two fields named '{}'", name),
				        "give one of the aggregates its own name with 'as', as in sum(a) as sa, sum(b) as sb");
			}
			visible.insert(slot);
			bound.output_slots.push_back(slot);
			output_slots.push_back(slot);
			if (node.count_frequent || HasNumericResult(call.kind)) {
				numeric_slots_.insert(slot);
			}
		}
		aggregates.push_back(std::move(bound));
	}

	auto op = std::make_unique<HashAggregateOperator>(key_slots, std::move(aggregates));
	if (node.count_frequent) {
		op->OrderByFirstResultDescending(&plan_->stats->dropped_groups);
	}
	AddOperator(std::move(op));
	ShowAggregateRows(key_slots, output_slots);
}

//! Makes the rows after an aggregation show the group-by fields, then the results, and makes
//! them the only fields that later stages can read.
void Planner::ShowAggregateRows(const std::vector<idx_t> &key_slots, const std::vector<idx_t> &output_slots) {
	OutputLayout &output = plan_->output;
	output.include_event_fields = false;
	output.excluded.clear();
	output.columns = key_slots;
	output.columns.insert(output.columns.end(), output_slots.begin(), output_slots.end());
	for (idx_t slot : output_slots) {
		created_.insert(slot);
	}
	visible_after_aggregation_ = std::set<idx_t>(output.columns.begin(), output.columns.end());
	aggregated_ = true;
	auto_sinks_.clear();
}

void Planner::PlanOperator(const ast::Operator &op, const ast::TimesliceOperator &node) {
	TimesliceSlots slots;
	slots.message_time = ReadField({std::string(kMessageTime), op.span});
	std::string start_name = node.alias ? *node.alias : "_timeslice";
	slots.slice_start = plan_->schema.AddField(start_name);
	slots.slice_end = plan_->schema.AddField("__timeslice_end");
	MarkCreated(start_name);
	MarkCreated("__timeslice_end");

	timeslice_width_ms_ = node.width_ms;
	if (node.width_ms) {
		AddOperator(std::make_unique<TimesliceOperator>(slots, *node.width_ms));
	} else {
		AddOperator(std::make_unique<TimesliceBucketsOperator>(slots, node.buckets));
	}
}

void Planner::PlanOperator(const ast::Operator &op, const ast::OutlierOperator &node) {
	// The docs require an aggregation by _timeslice before outlier, and each series runs in time
	// order, so the rows are sorted by _timeslice first.
	if (!aggregated_) {
		ThrowAt(op.span, "outlier needs the rows of an aggregation by _timeslice",
		        "put a timeslice and an aggregation such as 'count by _timeslice' before outlier");
	}
	idx_t timeslice = ReadField({"_timeslice", op.span});
	AddOperator(std::make_unique<SortOperator>(std::vector<SortKeySlot> {{timeslice, false}}));

	OutlierSettings settings;
	settings.input_slot = ReadField({node.field, node.field_span});
	settings.key_slots = ReadKeySlots(node.keys);
	for (idx_t output = 0; output < kOutlierSuffixes.size(); output++) {
		const std::string name = node.field + kOutlierSuffixes[output];
		settings.output_slots[output] = plan_->schema.AddField(name);
		MarkCreated(name);
	}
	settings.window = node.window;
	settings.threshold = node.threshold;
	settings.consecutive = node.consecutive;
	settings.direction = node.direction == ast::OutlierDirection::kAbove   ? OutlierDirectionKind::kAbove
	                     : node.direction == ast::OutlierDirection::kBelow ? OutlierDirectionKind::kBelow
	                                                                       : OutlierDirectionKind::kBoth;
	AddOperator(std::make_unique<OutlierOperator>(std::move(settings)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::TopkOperator &node) {
	TopkSettings settings;
	settings.count = node.count;
	for (idx_t slot : ReadKeySlots(node.ranked)) {
		settings.ranked.push_back({slot, true});
	}
	settings.key_slots = ReadKeySlots(node.keys);
	settings.rank_slot = plan_->schema.AddField("_rank");
	MarkCreated("_rank");
	AddOperator(std::make_unique<TopkOperator>(std::move(settings)));
}

void Planner::PlanOperator(const ast::Operator &, const ast::TopOperator &node) {
	std::vector<SortKeySlot> ranking;
	if (node.fields.empty()) {
		for (const auto &key : node.ranking) {
			ranking.push_back({ReadField({key.field, key.span}), key.descending});
		}
	} else {
		ranking = PlanTopGroups(node);
	}
	AddOperator(std::make_unique<TopOperator>(std::move(ranking), node.count));
}

//! Plans the hash aggregation of `top N a, b [by k]` that makes one row per combination of the
//! fields: with `_count`, or with the ranking fields' values from the combination's first-ranked
//! row. Returns the ranking over those rows.
std::vector<SortKeySlot> Planner::PlanTopGroups(const ast::TopOperator &node) {
	std::vector<idx_t> key_slots = ReadGroupKeySlots(node.fields);

	std::vector<SortKeySlot> ranking;
	std::vector<SortKeySlot> picked;
	for (const auto &key : node.ranking) {
		idx_t slot = ReadField({key.field, key.span});
		ranking.push_back({slot, key.descending});
		if (std::find(key_slots.begin(), key_slots.end(), slot) == key_slots.end()) {
			picked.push_back({slot, key.descending});
		}
	}

	std::vector<BoundAggregate> aggregates;
	std::vector<idx_t> output_slots;
	if (node.ranking.empty()) {
		idx_t count_slot = plan_->schema.AddField("_count");
		numeric_slots_ = {count_slot};
		aggregates.push_back({MakeCount(std::nullopt), {count_slot}});
		output_slots.push_back(count_slot);
		ranking.push_back({count_slot, true});
	} else if (!picked.empty()) {
		BoundAggregate first_ranked {MakeFirstRanked(picked), {}};
		for (const auto &key : picked) {
			first_ranked.output_slots.push_back(key.slot);
			output_slots.push_back(key.slot);
		}
		aggregates.push_back(std::move(first_ranked));
	}

	AddOperator(std::make_unique<HashAggregateOperator>(key_slots, std::move(aggregates)));
	ShowAggregateRows(key_slots, output_slots);
	return ranking;
}

//! Returns the slot of field `name` of the rows that reach a stage with a fixed set of fields.
idx_t Planner::FindRowField(const std::string &name, SourceSpan span, std::string_view operator_name) {
	const OutputLayout &output = plan_->output;
	auto slot = plan_->schema.Find(name);
	if (!slot || std::find(output.columns.begin(), output.columns.end(), *slot) == output.columns.end()) {
		std::vector<std::string> names;
		for (idx_t column : output.columns) {
			names.push_back(plan_->schema.name(column));
		}
		ThrowAt(span, fmt::format("the rows that reach {} have no field '{}'", operator_name, name),
		        fmt::format("their fields are: {}", fmt::join(names, ", ")));
	}
	return *slot;
}

//! Returns the slot of a field that fillmissing fills: any field of raw messages, or one of the
//! fields of rows with a fixed set of fields.
idx_t Planner::ReadFillField(const std::string &name, SourceSpan span) {
	if (plan_->output.include_event_fields) {
		// The field becomes an output column, so an added row, which has no event text, shows it.
		idx_t slot = ReadField({name, span});
		MarkCreated(name);
		return slot;
	}
	return FindRowField(name, span, "fillmissing");
}

FillGeneratorSettings Planner::PlanFillGenerator(const ast::FillGenerator &generator) {
	FillGeneratorSettings settings;
	settings.slot = ReadFillField(generator.field, generator.span);
	switch (generator.kind) {
	case ast::FillGenerator::Kind::kValues:
		settings.kind = FillGeneratorKind::kValues;
		settings.values = generator.values;
		break;
	case ast::FillGenerator::Kind::kAllValues:
		settings.kind = FillGeneratorKind::kAllValues;
		break;
	case ast::FillGenerator::Kind::kTimeslice:
		settings.kind = FillGeneratorKind::kTimeslice;
		if (!generator.width_ms && !timeslice_width_ms_) {
			ThrowAt(generator.span, "fillmissing timeslice needs the slice width",
			        "give it, as in fillmissing timeslice(15m), or slice with a width before: timeslice 15m");
		}
		settings.width_ms = generator.width_ms ? *generator.width_ms : *timeslice_width_ms_;
		break;
	}
	return settings;
}

void Planner::PlanOperator(const ast::Operator &op, const ast::FillmissingOperator &node) {
	const OutputLayout &output = plan_->output;
	FillmissingSettings settings;
	std::set<idx_t> key_slots;
	for (const auto &generator : node.generators) {
		settings.generators.push_back(PlanFillGenerator(generator));
		if (!key_slots.insert(settings.generators.back().slot).second) {
			ThrowAt(generator.span, fmt::format("fillmissing has two generators for '{}'", generator.field),
			        "give each key field one generator");
		}
		if (generator.kind == ast::FillGenerator::Kind::kTimeslice && !settings.take_last_from) {
			settings.take_last_from = settings.generators.size() - 1;
		}
	}
	if (node.take_last && !settings.take_last_from) {
		ThrowAt(op.span, "takeLast needs a timeslice generator, whose previous slice gives the values",
		        "add one, as in fillmissing timeslice(1m), values all in type takeLast");
	}
	if (!node.take_last) {
		settings.take_last_from.reset();
	}

	// Raw messages have no fixed set of fields, so added rows get only the key fields and the
	// fields that `with` names.
	if (!output.include_event_fields) {
		for (idx_t slot : output.columns) {
			if (!key_slots.count(slot)) {
				settings.defaults.push_back({slot, std::nullopt, {}, numeric_slots_.count(slot) > 0});
			}
		}
	}
	for (const auto &constant : node.constants) {
		idx_t slot = ReadFillField(constant.field, constant.span);
		if (key_slots.count(slot)) {
			ThrowAt(constant.span, fmt::format("'{}' is a key field, which its generator fills", constant.field),
			        "'with' sets the fields that no generator fills, such as _count");
		}
		auto fill = std::find_if(settings.defaults.begin(), settings.defaults.end(),
		                         [slot](const FillDefault &entry) { return entry.slot == slot; });
		if (fill == settings.defaults.end()) {
			fill = settings.defaults.insert(settings.defaults.end(), {slot, std::nullopt, {}, false});
		}
		Value value;
		if (constant.kind == ast::FillConstant::Kind::kNumber) {
			value.type = LogicalType::kNumber;
			value.number = constant.number;
		} else if (constant.kind == ast::FillConstant::Kind::kString) {
			value.type = LogicalType::kString;
			fill->constant_text = constant.text;
		}
		fill->constant = value;
	}

	settings.from_ms = options_.from;
	settings.to_ms = options_.to;
	settings.max_combinations = kFillmissingMaxCombinations;
	settings.span = op.span;
	AddOperator(std::make_unique<FillmissingOperator>(std::move(settings)));
}

void Planner::FinishProjection() {
	OutputLayout &output = plan_->output;
	Schema &schema = plan_->schema;

	if (output.include_event_fields) {
		needs_message_time_ = true;
	} else {
		output.event_text_slot.reset();
	}
	if (needs_message_time_) {
		output.message_time_slot = schema.AddField(kMessageTime);
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

	for (idx_t source = 0; source < plan_->sources.size(); source++) {
		FinishSourceProjection(source);
	}
}

void Planner::FinishSourceProjection(idx_t source) {
	Projection &projection = plan_->sources[source].projection;
	const SourceOptions &options = options_.sources[source];
	const OutputLayout &output = plan_->output;
	const Schema &schema = plan_->schema;

	projection.event_text_slot = output.event_text_slot;
	projection.time_zone_minutes = options.time_zone_minutes;
	projection.time_format = options.time_format;
	if (output.message_time_slot) {
		projection.message_time_slot = output.message_time_slot;
		projection.AddTimeCandidate(kMessageTime, 0);
		int rank = 1;
		if (!options.time_fields.empty()) {
			for (const auto &name : options.time_fields) {
				projection.AddTimeCandidate(name, rank++);
			}
		} else {
			for (std::string_view name : {"@timestamp", "UtcTime", "TimeCreated", "EventTime"}) {
				projection.AddTimeCandidate(name, rank++);
			}
		}
	}

	const auto &read = read_from_events_[source];
	auto raw = schema.Find(kRaw);
	if (raw && read.count(*raw)) {
		projection.raw_slot = *raw;
	}
	for (const auto &[name, value] : options.defaults) {
		auto slot = schema.Find(name);
		if (slot && read.count(*slot)) {
			projection.defaults.emplace_back(*slot, value);
		}
	}
}

//! Returns true when the two sets share a slot.
bool Overlap(const std::set<idx_t> &a, const std::set<idx_t> &b) {
	return std::any_of(a.begin(), a.end(), [&](idx_t slot) { return b.count(slot) > 0; });
}

//! Moves each `nodrop` parse stage to just before the first later stage that could see the
//! difference, so that it parses only the rows that the filters in between keep. A `nodrop` parse
//! keeps every row and changes only the slots it writes, and the stages it moves past are row-local
//! stages that neither read nor write those slots nor write its input. So every stage reads the
//! same rows with the same values, and the result is unchanged.
void Planner::DeferParseStages() {
	auto can_pass = [](const StageSlots &parse, const StageSlots &stage) {
		return stage.row_local && !Overlap(stage.reads, parse.writes) && !Overlap(stage.writes, parse.writes) &&
		       !Overlap(stage.writes, parse.reads);
	};

	auto &operators = plan_->operators;
	std::vector<idx_t> &positions = plan_->query_positions;
	positions.resize(operators.size());
	for (idx_t i = 0; i < positions.size(); i++) {
		positions[i] = i;
	}

	// Walking backwards moves each parse past stages that are still in query order.
	for (idx_t i = operators.size(); i-- > 0;) {
		const StageSlots &parse = stage_slots_[i];
		bool ends_run = i + 1 == operators.size() || !stage_slots_[i + 1].is_parse;
		if (!parse.deferrable || !ends_run) {
			continue;
		}
		idx_t target = i + 1;
		while (target < operators.size() && can_pass(parse, stage_slots_[target])) {
			target++;
		}
		if (target == i + 1) {
			continue;
		}
		auto rotate = [&](auto &items) {
			std::rotate(items.begin() + i, items.begin() + i + 1, items.begin() + target);
		};
		rotate(operators);
		rotate(positions);
		rotate(stage_slots_);
		plan_->deferred_stages.push_back(positions[target - 1]);
	}
}

//! Leaves the event keys that the early filters do not read unread until a later stage needs
//! them, so that only the rows that pass those filters pay for them. The keys are read just
//! before the last filter of the query's streaming start, or after it when it is the only one,
//! because few rows pass all filters but that one. Each chunk's reader still decides, from how
//! many rows reached that point, whether deferring pays (DeferralPolicy).
void Planner::DeferEventKeys() {
	// NOTE: keys are deferred only for a plan with one source and no field extraction stages,
	// because the wrapped stage is shared by every source and extraction stages read keys
	// before the query's stages.
	if (plan_->sources.size() != 1 || !plan_->sources.front().stages.empty()) {
		return;
	}

	idx_t known_prefix = 0;
	while (known_prefix < stage_slots_.size() && stage_slots_[known_prefix].known_reads) {
		known_prefix++;
	}
	std::vector<idx_t> filters;
	for (idx_t i = 0; i < known_prefix; i++) {
		if (stage_slots_[i].drops_rows) {
			filters.push_back(i);
		}
	}
	if (filters.empty()) {
		return;
	}
	// The wrapped stage runs on the worker threads, whose policies then see the rows it gets.
	idx_t reader_at = filters.size() == 1 ? filters.back() + 1 : filters.back();
	if (reader_at > known_prefix || reader_at >= plan_->operators.size()) {
		return;
	}
	const PhysicalOperator &wrapped = *plan_->operators[reader_at];
	if (wrapped.IsPipelineBreaker() || wrapped.IsExpanding() || wrapped.NeedsOrderedInput()) {
		return;
	}

	std::set<idx_t> read_early;
	for (idx_t i = 0; i < reader_at; i++) {
		read_early.insert(stage_slots_[i].reads.begin(), stage_slots_[i].reads.end());
	}
	SourcePipeline &pipeline = plan_->sources.front();
	Projection &projection = pipeline.projection;
	bool deferred_any = false;
	for (const auto &name : pipeline.event_fields) {
		if (name.find('.') != std::string::npos) {
			continue;
		}
		ProjectionNode &node = projection.root.Child(name);
		bool has_default = std::any_of(projection.defaults.begin(), projection.defaults.end(),
		                               [&](const auto &entry) { return node.slot && entry.first == *node.slot; });
		if (!node.slot || node.has_children() || node.time_rank || read_early.count(*node.slot) ||
		    node.slot == projection.raw_slot || has_default) {
			continue;
		}
		node.deferred = true;
		deferred_any = true;
	}
	if (!deferred_any) {
		return;
	}

	projection.pending_event_slot = plan_->schema.AddField(kPendingEventSlotName);
	projection.deferral = std::make_shared<DeferralPolicy>();
	auto &stage = plan_->operators[reader_at];
	stage = std::make_unique<DeferredFieldReader>(std::move(stage), projection);
}

} // namespace

const std::string &QueryPlan::OutputName(idx_t slot) const {
	for (const auto &source : sources) {
		const auto &spellings = source.projection.event_spellings;
		if (slot < spellings.size() && !spellings[slot].empty()) {
			return spellings[slot];
		}
	}
	return schema.name(slot);
}

std::unique_ptr<QueryPlan> PlanQuery(const ast::Query &query, const PlanOptions &options) {
	// The syntax tree leaves unsupported constructs out, so planning the rest would run a
	// different query.
	std::vector<Diagnostic> unsupported = DescribeUnsupported(query);
	if (!unsupported.empty()) {
		throw QueryError(std::move(unsupported));
	}
	return Planner(options).Build(query);
}

} // namespace sumoql
