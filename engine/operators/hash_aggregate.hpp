#pragma once

#include "engine/aggregates/aggregate_function.hpp"
#include "engine/aggregates/group_table.hpp"
#include "engine/operators/physical_operator.hpp"

#include <vector>

namespace sumoql {

//! One aggregate of the stage and the slots its results go to, one per OutputCount().
struct BoundAggregate {
	AggregateFunctionPtr function;
	std::vector<idx_t> output_slots;
};

//! The largest number of groups `count_frequent` outputs, as Sumo documents.
constexpr idx_t kCountFrequentMaxGroups = 10000;

//! `count by a, b`, `sum(x) as s, pct(y, 95) by a` and the other group-by aggregations: a
//! pipeline breaker that folds every row into the state of its group and, when the input ends,
//! outputs one row per group with the key fields and the results, in the order groups were
//! first seen. It holds one entry per group, never one per row (except `pct`, which keeps the
//! values it needs).
class HashAggregateOperator : public PhysicalOperator {
public:
	HashAggregateOperator(std::vector<idx_t> key_slots, std::vector<BoundAggregate> aggregates);

	//! `count_frequent`: output the groups by descending count (ties in first-seen order), at most
	//! kCountFrequentMaxGroups of them. `dropped_groups` counts the others.
	void OrderByFirstResultDescending(idx_t *dropped_groups);

	bool IsPipelineBreaker() const override {
		return true;
	}

	void Sink(DataChunk &chunk) override;

	bool GetData(DataChunk &chunk) override;

private:
	void Finalize();

	std::vector<idx_t> key_slots_;
	std::vector<BoundAggregate> aggregates_;
	GroupTable groups_;
	std::vector<idx_t> row_groups_;

	bool order_by_first_result_ = false;
	idx_t *dropped_groups_ = nullptr;
	//! The groups in output order, set when the first output is requested.
	std::vector<idx_t> output_order_;
	bool finalized_ = false;
	idx_t next_output_ = 0;
};

} // namespace sumoql
