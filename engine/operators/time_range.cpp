#include "engine/operators/time_range.hpp"

namespace sumoql {

void TimeRangeOperator::Execute(DataChunk &chunk) {
	const Vector &times = chunk.columns[time_slot_];
	idx_t kept_count = 0;
	if (times.type() == LogicalType::kNumber) {
		const double *values = times.numbers();
		for (idx_t i = 0; i < chunk.count; i++) {
			sel_t row = chunk.selection.Get(i);
			if (!times.validity().RowIsValid(row)) {
				continue;
			}
			double time = values[row];
			bool inside = (!from_ || time >= static_cast<double>(*from_)) && (!to_ || time < static_cast<double>(*to_));
			if (inside) {
				kept_.Set(kept_count++, row);
			}
		}
	}
	if (kept_count != chunk.count) {
		chunk.Select(kept_, kept_count);
	}
}

} // namespace sumoql
