#pragma once

#include "engine/types/number_text.hpp"
#include "engine/types/value.hpp"
#include "engine/types/vector.hpp"

namespace sumoql {

//! Reads row `row` of `vector` as a number: a number, or text that reads as one (`"2.5"`).
//! Returns false for null and for any other text.
inline bool ReadNumber(const Vector &vector, sel_t row, double &number) {
	Value value = Value::FromVector(vector, row);
	if (value.type == LogicalType::kNumber) {
		number = value.number;
		return true;
	}
	return value.type == LogicalType::kString && ParseNumber(value.string, number);
}

} // namespace sumoql
