#pragma once

#include "engine/operators/physical_operator.hpp"

#include <cstdint>
#include <optional>

namespace sumoql {

//! The time range of a search, like Sumo's time picker: keeps the rows whose `_messageTime` is
//! at or after `from` and before `to`. A row without a time is outside every range.
class TimeRangeOperator : public PhysicalOperator {
public:
	TimeRangeOperator(idx_t time_slot, std::optional<std::int64_t> from, std::optional<std::int64_t> to)
	    : time_slot_(time_slot), from_(from), to_(to) {
	}

	void Execute(DataChunk &chunk) override;

private:
	idx_t time_slot_;
	std::optional<std::int64_t> from_;
	std::optional<std::int64_t> to_;
	SelectionVector kept_;
};

} // namespace sumoql
