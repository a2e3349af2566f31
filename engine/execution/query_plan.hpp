#pragma once

#include "engine/execution/schema.hpp"
#include "engine/lookup/lookup_catalog.hpp"
#include "engine/functions/scalar_function.hpp"
#include "engine/operators/physical_operator.hpp"
#include "engine/readers/projection.hpp"
#include "grammar/ast.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sumoql {

//! The fields a result row shows, and their order.
struct OutputLayout {
	//! True until a `fields a, b` list fixes the columns: then each row shows `_messageTime`,
	//! every key of the original event, and the fields the query created.
	bool include_event_fields = true;
	//! Holds each event's JSON text when include_event_fields is set.
	std::optional<idx_t> event_text_slot;
	std::optional<idx_t> message_time_slot;
	//! With include_event_fields: the created fields, in creation order. Otherwise: every column.
	std::vector<idx_t> columns;
	//! With include_event_fields: case-folded names that `fields - a` removed.
	std::vector<std::string> excluded;
	//! The slots in `columns` that hold the fields of a `json auto` or `keyvalue auto` stage as
	//! one JSON object text per row. A row shows each of its keys in the slot's place, except
	//! keys that another column or `fields -` names.
	std::vector<idx_t> auto_field_slots;
	//! Where in `columns` a `transpose` stage inserts the fields it creates from column values
	//! once its input has ended; unset when those fields are not shown.
	std::optional<idx_t> dynamic_columns_at;
};

//! The reading and extraction settings for the events of one source, applied before the query runs on them.
struct SourceOptions {
	//! Keys that may contain each event's time, best first. When empty, the first of
	//! `_messageTime`, `@timestamp`, `UtcTime`, `TimeCreated` and `EventTime` is used.
	std::vector<std::string> time_fields;
	TimeFormat time_format = TimeFormat::kAuto;
	//! Offset from UTC, in minutes, of times written without a zone.
	int time_zone_minutes = 0;
	//! Values for fields an event lacks, such as `_sourceCategory`.
	std::vector<std::pair<std::string, std::string>> defaults;
	//! Field extraction rules: parse and assignment stages that run on each event of the source
	//! before the query. They never drop an event.
	std::vector<const ast::Operator *> fer_stages;
};

//! Settings that change how events are read.
struct PlanOptions {
	//! One entry per source; an empty list plans one source with default settings.
	std::vector<SourceOptions> sources;
	//! Events whose `_messageTime` is outside [from, to), in epoch milliseconds, are dropped
	//! before the scope, and so are events without a time when either bound is set.
	std::optional<std::int64_t> from;
	std::optional<std::int64_t> to;
	//! The query's notion of now, in milliseconds since the Unix epoch: `now()` returns it and
	//! relative time ranges count back from it. Fixed for the whole run, so every thread and
	//! every chunk reads the same value.
	std::int64_t now_ms = 0;
	//! The lookup tables that `lookup` and `cat` may name; none when unset.
	std::shared_ptr<LookupCatalog> lookups;
	//! When set, a table that `lookups` does not map is planned as an empty table with the
	//! columns the query names, as `check` needs, because it reads no table.
	bool allow_unmapped_tables = false;
};

//! The part of a plan that differs between sources: what the reader extracts, and the field
//! extraction stages that run before the shared query stages.
struct SourcePipeline {
	Projection projection;
	//! The names of the fields read from the events, in the order the plan first reads them.
	std::vector<std::string> event_fields;
	std::vector<std::unique_ptr<PhysicalOperator>> stages;
};

//! A query ready to run: the slots, each source's reading and extraction, and the operator
//! pipeline shared by all sources.
struct QueryPlan {
	Schema schema;
	//! Declared before the operators, whose expressions keep a reference to it.
	std::unique_ptr<ExecutionStats> stats = std::make_unique<ExecutionStats>();
	//! Never empty; indexed by the source number that inputs are read with.
	std::vector<SourcePipeline> sources;
	std::vector<std::unique_ptr<PhysicalOperator>> operators;
	//! A label per query stage, in query order, such as "scope" or "where at 2:3", for stage
	//! counts.
	std::vector<std::string> stage_labels;
	//! The index in `stage_labels` of each operator, one entry per operator. The planner may run
	//! a stage later than the query writes it, so this is not always the operator's own index.
	std::vector<idx_t> query_positions;
	//! The query positions of the stages that run later than written. Each keeps every row, so
	//! its count in query order is the rows that leave the stage written before it.
	std::vector<idx_t> deferred_stages;
	//! Index in `operators` of the scope stage, when the query has a scope.
	std::optional<idx_t> scope_index;
	//! Index in `operators` of the time range stage, when --from or --to is set.
	std::optional<idx_t> time_range_index;
	OutputLayout output;
	//! The table that `cat` reads as the query's input, in place of event files.
	std::shared_ptr<const LookupTable> cat_table;
	//! The name of that table in messages.
	std::string cat_table_name;

	//! Returns the events' spelling of a field read from them, or the query's name for it.
	const std::string &OutputName(idx_t slot) const;
};

//! Builds the plan for `query`. Throws QueryError with one error per construct that sumoql
//! cannot run, or at the right span for problems found while binding: an unknown function, a
//! regex RE2 rejects, a `parse regex` without named groups, or a field extraction stage that is
//! not a parse or assignment.
std::unique_ptr<QueryPlan> PlanQuery(const ast::Query &query, const PlanOptions &options);

} // namespace sumoql
