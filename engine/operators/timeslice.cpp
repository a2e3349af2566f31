#include "engine/operators/timeslice.hpp"

#include "engine/aggregates/aggregate_function.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sumoql {

namespace {

constexpr double kSecond = 1000;
constexpr double kMinute = 60 * kSecond;
constexpr double kHour = 60 * kMinute;
constexpr double kDay = 24 * kHour;
constexpr double kWeek = 7 * kDay;

constexpr double kBucketWidths[] = {
    kSecond,      5 * kSecond,  10 * kSecond, 15 * kSecond, 30 * kSecond, kMinute,
    5 * kMinute,  10 * kMinute, 15 * kMinute, 30 * kMinute, kHour,        2 * kHour,
    3 * kHour,    4 * kHour,    6 * kHour,    12 * kHour,   kDay,         kWeek,
};

} // namespace

double SliceStart(double time_ms, double width_ms) {
	return std::floor(time_ms / width_ms) * width_ms;
}

double BucketWidth(double first_ms, double last_ms, double buckets) {
	for (double width : kBucketWidths) {
		double slice_count = (SliceStart(last_ms, width) - SliceStart(first_ms, width)) / width + 1;
		if (slice_count <= buckets) {
			return width;
		}
	}
	double weeks = std::ceil((last_ms - first_ms + 1) / kWeek / buckets);
	double width = weeks * kWeek;
	while ((SliceStart(last_ms, width) - SliceStart(first_ms, width)) / width + 1 > buckets) {
		width += kWeek;
	}
	return width;
}

void TimesliceOperator::Execute(DataChunk &chunk) {
	const Vector &time = chunk.columns[slots_.message_time];
	Vector &start = chunk.columns[slots_.slice_start];
	Vector &end = chunk.columns[slots_.slice_end];
	start.SetType(LogicalType::kNumber);
	end.SetType(LogicalType::kNumber);

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		double time_ms;
		if (!ReadNumber(time, row, time_ms)) {
			start.validity().SetInvalid(row);
			end.validity().SetInvalid(row);
			continue;
		}
		double slice = origin_ms_ + SliceStart(time_ms - origin_ms_, width_ms_);
		start.numbers()[row] = slice;
		end.numbers()[row] = slice + width_ms_;
		start.validity().SetValid(row);
		end.validity().SetValid(row);
	}
}

TimesliceBucketsOperator::TimesliceBucketsOperator(TimesliceSlots slots, std::optional<double> buckets)
    : slots_(slots), buckets_(buckets) {
}

void TimesliceBucketsOperator::Sink(DataChunk &chunk) {
	const Vector &time = chunk.columns[slots_.message_time];
	for (idx_t i = 0; i < chunk.count; i++) {
		double time_ms;
		if (ReadNumber(time, chunk.selection.Get(i), time_ms)) {
			first_time_ = first_time_ ? std::min(*first_time_, time_ms) : time_ms;
			last_time_ = last_time_ ? std::max(*last_time_, time_ms) : time_ms;
		}
	}
	rows_.Append(chunk);
}

bool TimesliceBucketsOperator::GetData(DataChunk &chunk) {
	if (order_.size() != rows_.row_count()) {
		order_.resize(rows_.row_count());
		std::iota(order_.begin(), order_.end(), idx_t {0});
	}
	if (!rows_.WriteNextRows(order_, next_output_, chunk)) {
		return false;
	}
	if (!first_time_) {
		// No row has a time, so every slice field is null.
		chunk.columns[slots_.slice_start].SetAllNull();
		chunk.columns[slots_.slice_end].SetAllNull();
		return true;
	}

	if (!slicer_) {
		if (buckets_) {
			slicer_.emplace(slots_, BucketWidth(*first_time_, *last_time_, *buckets_));
		} else {
			slicer_.emplace(slots_, *last_time_ - *first_time_ + 1, *first_time_);
		}
	}
	slicer_->Execute(chunk);
	return true;
}

} // namespace sumoql
