#pragma once

#include "engine/execution/schema.hpp"
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
};

//! Settings that change how events are read.
struct PlanOptions {
	//! The key that contains each event's time. When unset, the first of `_messageTime`,
	//! `@timestamp`, `UtcTime`, `TimeCreated` and `EventTime` that an event has is used.
	std::optional<std::string> time_field;
	//! Values for fields an event lacks, such as `_sourceCategory`.
	std::vector<std::pair<std::string, std::string>> defaults;
	//! The query's notion of now, in milliseconds since the Unix epoch: `now()` returns it and
	//! relative time ranges count back from it. Fixed for the whole run, so every thread and
	//! every chunk sees the same value.
	std::int64_t now_ms = 0;
};

//! A query ready to run: the slots, what the reader must extract, and the operator pipeline.
struct QueryPlan {
	Schema schema;
	Projection projection;
	//! Declared before the operators, whose expressions keep a reference to it.
	std::unique_ptr<ExecutionStats> stats = std::make_unique<ExecutionStats>();
	std::vector<std::unique_ptr<PhysicalOperator>> operators;
	OutputLayout output;
};

//! Builds the plan for `query`. Throws QueryError at the right span for problems found while
//! binding: an unknown function, a regex RE2 rejects, a `parse regex` without named groups.
std::unique_ptr<QueryPlan> PlanQuery(const ast::Query &query, const PlanOptions &options);

} // namespace sumoql
