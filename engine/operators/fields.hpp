#pragma once

#include "engine/operators/physical_operator.hpp"

#include <vector>

namespace sumoql {

//! `fields a, b` and `fields - a, b`. The planner decides which slots stop existing; this
//! operator makes them null, so later stages read a removed field as null.
class FieldsOperator : public PhysicalOperator {
public:
	explicit FieldsOperator(std::vector<idx_t> removed_slots) : removed_slots_(std::move(removed_slots)) {
	}

	void Execute(DataChunk &chunk) override;

	//! Replaces the removed slots. The planner calls it once every slot of the query exists.
	void SetRemovedSlots(std::vector<idx_t> removed_slots) {
		removed_slots_ = std::move(removed_slots);
	}

private:
	std::vector<idx_t> removed_slots_;
};

} // namespace sumoql
