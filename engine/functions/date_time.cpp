// now(): the query's notion of now, in milliseconds since the Unix epoch. It is fixed for the
// whole run (`sumoql run --now EPOCH_MS`, else the wall clock at start), so every row sees the
// same value and a test can freeze it.

#include "engine/functions/scalar_function.hpp"

#include <array>

namespace sumoql {

namespace {

void Now(std::span<const Vector *const>, const SelectionVector &selection, idx_t count, Vector &result,
         FunctionContext &context) {
	result.SetType(LogicalType::kNumber);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		result.numbers()[row] = static_cast<double>(context.now_ms);
		result.validity().SetValid(row);
	}
}

constexpr std::array kFunctions = {
    ScalarFunction {"now", 0, 0, Now},
};

} // namespace

std::span<const ScalarFunction> DateTimeFunctions() {
	return kFunctions;
}

} // namespace sumoql
