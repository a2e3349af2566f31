#pragma once

#include "engine/operators/physical_operator.hpp"
#include "engine/operators/row_buffer.hpp"

#include <optional>
#include <vector>

namespace sumoql {

struct TimesliceSlots {
	idx_t message_time;
	//! `_timeslice`, or the field that `as` names: the slice start in epoch milliseconds.
	idx_t slice_start;
	//! `__timeslice_end`: the slice end, exclusive.
	idx_t slice_end;
};

//! Returns the start of the slice of width `width_ms` that contains `time_ms`. Slices are
//! aligned to multiples of the width since the Unix epoch, so in UTC a 1h slice starts on the
//! hour and a 1d slice at midnight.
double SliceStart(double time_ms, double width_ms);

//! Returns the slice width for `timeslice N buckets` over times from `first_ms` to `last_ms`:
//! the smallest of 1s, 5s, 10s, 15s, 30s, 1m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 4h, 6h, 12h, 1d and
//! whole weeks that cuts the range into at most `buckets` slices.
double BucketWidth(double first_ms, double last_ms, double buckets);

//! `timeslice 5m`: sets each row's slice start and end from its `_messageTime`. A row without
//! a time gets null slice fields.
class TimesliceOperator : public PhysicalOperator {
public:
	//! Slices start at `origin_ms` plus multiples of the width; only `timeslice` alone moves the
	//! origin from the epoch.
	TimesliceOperator(TimesliceSlots slots, double width_ms, double origin_ms = 0)
	    : slots_(slots), width_ms_(width_ms), origin_ms_(origin_ms) {
	}

	void Execute(DataChunk &chunk) override;

private:
	TimesliceSlots slots_;
	double width_ms_;
	double origin_ms_;
};

//! `timeslice N buckets`, and `timeslice` alone, whose slice covers every event. The width
//! depends on the first and last event time, so this stage buffers the rows until the input
//! ends, then sets the slice fields as TimesliceOperator does and outputs the rows in order.
class TimesliceBucketsOperator : public PhysicalOperator {
public:
	//! Without `buckets`, one slice runs from the earliest to just past the latest event time.
	TimesliceBucketsOperator(TimesliceSlots slots, std::optional<double> buckets);

	bool IsPipelineBreaker() const override {
		return true;
	}

	void Sink(DataChunk &chunk) override;

	bool GetData(DataChunk &chunk) override;

private:
	TimesliceSlots slots_;
	std::optional<double> buckets_;
	RowBuffer rows_;
	//! The held rows in input order, and the next one to output.
	std::vector<idx_t> order_;
	idx_t next_output_ = 0;
	std::optional<double> first_time_;
	std::optional<double> last_time_;
	std::optional<TimesliceOperator> slicer_;
};

} // namespace sumoql
