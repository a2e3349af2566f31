#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/value.hpp"

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace sumoql {

//! One aggregate of a group-by stage, shaped like DuckDB's aggregate functions: a state per
//! group, an update that folds the selected rows of a chunk into their groups' states, and a
//! finalize that turns a state into results. Group ids are dense: 0 to the group count - 1.
//! The hash aggregate runs on one thread after the ordered merge of worker output, so no
//! function needs to combine partial states.
class AggregateFunction {
public:
	virtual ~AggregateFunction() = default;

	//! Gives every group below `group_count` a state, keeping the states that exist.
	virtual void Resize(idx_t group_count) = 0;

	//! Folds the selected rows of `chunk` into their states: the i-th selected row belongs to
	//! group `groups[i]`.
	virtual void Update(const DataChunk &chunk, const idx_t *groups) = 0;

	//! The number of results per group: one, or one per percentile of `pct(x, 50, 95)`.
	virtual idx_t OutputCount() const {
		return 1;
	}

	//! Returns result `output` of group `group`. A string result stays valid as long as the
	//! function does.
	virtual Value Finalize(idx_t group, idx_t output) = 0;
};

using AggregateFunctionPtr = std::unique_ptr<AggregateFunction>;

//! Reads valid row `row` of `vector` as a number: a number as it is, text that ParseNumber
//! accepts as that number. Returns false for null, other text and booleans.
bool ReadNumber(const Vector &vector, idx_t row, double &out);

//! Calls `add(group, number)` for each selected row of `chunk` whose value in `slot` reads as a
//! number (see ReadNumber), with the row's group from `groups`.
template <typename AddNumber>
void ForEachNumber(const DataChunk &chunk, idx_t slot, const idx_t *groups, AddNumber &&add) {
	const Vector &input = chunk.columns[slot];
	if (input.type() == LogicalType::kNull) {
		return;
	}
	for (idx_t i = 0; i < chunk.count; i++) {
		double number;
		if (ReadNumber(input, chunk.selection.Get(i), number)) {
			add(groups[i], number);
		}
	}
}

//! Returns row `row` of `vector` as text, as a result row prints it, or nothing when it is null.
//! A number is written into `buffer`, which must hold 32 bytes and outlive the view.
std::optional<std::string_view> ReadText(const Vector &vector, idx_t row, char *buffer);

//! `count` (every row) when `slot` is empty, `count(f)` (rows where f is not null) otherwise.
AggregateFunctionPtr MakeCount(std::optional<idx_t> slot);

//! `count_distinct(f)`: the number of distinct non-null values, exactly.
AggregateFunctionPtr MakeCountDistinct(idx_t slot);

enum class NumericStatistic { kSum, kAvg, kMin, kMax, kStddev };

//! `sum`, `avg`, `min`, `max` and `stddev` over the values of `slot` that read as numbers.
AggregateFunctionPtr MakeNumericStatistic(NumericStatistic statistic, idx_t slot);

//! `pct(f, p1, p2, ...)` and `median(f)`: exact nearest-rank percentiles over the values that read
//! as numbers.
AggregateFunctionPtr MakePercentile(idx_t slot, std::vector<double> percentiles);

enum class PickedValue { kFirst, kLast, kMostRecent, kLeastRecent };

//! `first` and `last` (in pipeline order), `most_recent` and `least_recent` (by `time_slot`).
AggregateFunctionPtr MakePickValue(PickedValue pick, idx_t slot, idx_t time_slot);

struct SortKeySlot;

//! The ranking fields of `top N f by a, b`: per group, the values of `keys` in the row that ranks
//! first under them, one output per key.
AggregateFunctionPtr MakeFirstRanked(std::vector<SortKeySlot> keys);

//! `values(f)`: the distinct non-null values in code-point order, joined by line breaks.
AggregateFunctionPtr MakeValues(idx_t slot);

} // namespace sumoql
