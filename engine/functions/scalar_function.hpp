#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/vector.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace sumoql {

//! Counters for values a query could not handle, reported in the run summary.
struct ExecutionStats {
	//! Values that a cast such as num() could not convert and turned into null.
	idx_t failed_conversions = 0;
};

//! The state a function body may use besides its arguments.
struct FunctionContext {
	//! The chunk being evaluated; functions that build strings put them in its heap.
	DataChunk &chunk;
	ExecutionStats &stats;
	//! The query's notion of now, in milliseconds since the Unix epoch.
	std::int64_t now_ms;
};

//! The body of a scalar function: fills `result` for the selected rows from argument vectors
//! that are valid for those rows.
using ScalarFunctionBody = void (*)(std::span<const Vector *const> arguments, const SelectionVector &selection,
                                    idx_t count, Vector &result, FunctionContext &context);

//! A function callable in expressions, such as `isNull(x)` or `num(x)`.
struct ScalarFunction {
	//! The documented spelling; calls match it case-insensitively.
	std::string_view name;
	idx_t min_arguments;
	idx_t max_arguments;
	ScalarFunctionBody body;
};

//! Returns the function called `name` in any letter case, or nullptr when sumoql has none.
const ScalarFunction *FindScalarFunction(std::string_view name);

// Each family file lists its functions.
std::span<const ScalarFunction> NullTestFunctions();
std::span<const ScalarFunction> CastFunctions();
std::span<const ScalarFunction> ContainsFunctions();
std::span<const ScalarFunction> IsNumericFunctions();
std::span<const ScalarFunction> CaseConversionFunctions();
std::span<const ScalarFunction> DateTimeFunctions();

} // namespace sumoql
