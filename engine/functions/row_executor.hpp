#pragma once

// Loops shared by the scalar function bodies. Each one walks the selected rows of a chunk once,
// so a function's per-row code stays a small lambda.

#include "engine/functions/scalar_function.hpp"
#include "engine/types/number_text.hpp"
#include "engine/types/value_text.hpp"

#include <span>
#include <string_view>

namespace sumoql {

//! Returns true when `vector` has a value at `row`.
inline bool IsValidAt(const Vector &vector, idx_t row) {
	return vector.type() != LogicalType::kNull && vector.validity().RowIsValid(row);
}

//! Reads row `row` of `vector` as a number: a number as it is, text that ParseNumber accepts,
//! and nothing else. Returns false for null, booleans and other text.
inline bool ReadNumberAt(const Vector &vector, idx_t row, double &out) {
	if (!IsValidAt(vector, row)) {
		return false;
	}
	if (vector.type() == LogicalType::kNumber) {
		out = vector.numbers()[row];
		return true;
	}
	return vector.type() == LogicalType::kString && ParseNumber(vector.strings()[row], out);
}

//! Sets `result` to `type` and calls `compute(row)` for each selected row where every argument
//! has a value. `compute` writes the row's value and returns true, or returns false to make the
//! row null. A row with a null argument is null without calling `compute`.
template <class COMPUTE>
void ExecutePropagatingNull(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                            Vector &result, LogicalType type, COMPUTE &&compute) {
	result.SetType(type);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		bool valid = true;
		for (const Vector *argument : arguments) {
			valid = valid && IsValidAt(*argument, row);
		}
		if (valid) {
			valid = compute(row);
		}
		result.validity().Set(row, valid);
	}
}

//! Sets `result` to booleans and stores `test(row)` for every selected row, null arguments
//! included: a predicate such as isValidIP() is false, never null.
template <class TEST>
void ExecutePredicate(const SelectionVector &selection, idx_t count, Vector &result, TEST &&test) {
	result.SetType(LogicalType::kBoolean);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		result.booleans()[row] = test(row) ? 1 : 0;
		result.validity().SetValid(row);
	}
}

} // namespace sumoql
