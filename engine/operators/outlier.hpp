#pragma once

#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace sumoql {

enum class OutlierDirectionKind {
	kBoth,
	kAbove,
	kBelow,
};

//! The fields that `outlier f` adds to each row, in this order: f_error, f_lower, f_upper, f_std,
//! f_indicator and f_violation.
inline constexpr std::array<const char *, 6> kOutlierSuffixes = {"_error", "_lower", "_upper", "_std",
                                                                 "_indicator", "_violation"};

struct OutlierSettings {
	idx_t input_slot = 0;
	//! The `by` fields: each distinct combination is a series of its own.
	std::vector<idx_t> key_slots;
	//! The slots of the added fields, in the order of kOutlierSuffixes.
	std::array<idx_t, 6> output_slots {};
	std::uint64_t window = 10;
	double threshold = 3.0;
	std::uint64_t consecutive = 1;
	OutlierDirectionKind direction = OutlierDirectionKind::kBoth;
};

//! `outlier f [by a, b]` over rows in time order. For each row it takes the mean and the sample
//! standard deviation of the up to `window` numbers of f before it in the same series. The row
//! is an indicator when f lies outside mean +/- threshold * deviation in the chosen direction, and
//! a violation when it ends a run of `consecutive` indicators. A row without earlier numbers, or
//! whose f is not a number, gets null bounds and 0 for both flags, and its f joins no window.
class OutlierOperator : public PhysicalOperator {
public:
	explicit OutlierOperator(OutlierSettings settings) : settings_(std::move(settings)) {
	}

	bool NeedsOrderedInput() const override {
		return true;
	}

	void Execute(DataChunk &chunk) override;

private:
	struct Series {
		std::deque<double> window;
		std::uint64_t indicator_run = 0;
	};

	Series &SeriesOf(const DataChunk &chunk, sel_t row);
	bool IsIndicator(double value, double lower, double upper) const;
	void SetNumber(idx_t output, sel_t row, double number);
	void SetNull(idx_t output, sel_t row);

	OutlierSettings settings_;
	GroupMap<Series> series_;
	std::string key_;
	std::array<Vector, 6> results_;
};

} // namespace sumoql
