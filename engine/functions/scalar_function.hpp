#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/vector.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! Counters for values a query could not handle, reported in the run summary.
struct ExecutionStats {
	//! Values that a cast such as num() could not convert and turned into null.
	idx_t failed_conversions = 0;
	//! Rows that a function dropped, as Sumo does, because of a value it cannot use: isPrivateIP()
	//! and similar of an invalid IPv4 address, or format() of a value its pattern cannot take.
	idx_t rows_dropped = 0;
	//! Rows where a function got an argument it cannot use, such as substring() with an end
	//! before its start, and returned null.
	idx_t invalid_arguments = 0;
	//! Groups that `count_frequent` left out because only the 10,000 largest are output.
	idx_t dropped_groups = 0;
};

//! Per-call state that a function builds once at plan time, such as a compiled regex or a
//! parsed format pattern. Functions derive their own type from it.
struct FunctionData {
	virtual ~FunctionData() = default;
};

//! The query's time settings, in milliseconds since the Unix epoch. They are fixed for the whole
//! run, so every thread and chunk reads the same values.
struct QueryClock {
	//! What now() returns: `--now`, or the wall clock when the run started.
	std::int64_t now_ms = 0;
	//! The time range's bounds (`--from`, `--to`), when given.
	std::optional<std::int64_t> from;
	std::optional<std::int64_t> to;
};

//! The state a function body may use besides its arguments.
struct FunctionContext {
	//! The chunk being evaluated; functions that build strings put them in its heap, and
	//! functions that drop rows mark them with DataChunk::RequestDrop.
	DataChunk &chunk;
	ExecutionStats &stats;
	const QueryClock &clock;
	//! What the function's bind step built for this call, or nullptr.
	const FunctionData *data = nullptr;
};

//! The body of a scalar function: fills `result` for the selected rows from argument vectors
//! that are valid for those rows.
using ScalarFunctionBody = void (*)(std::span<const Vector *const> arguments, const SelectionVector &selection,
                                    idx_t count, Vector &result, FunctionContext &context);

//! The arguments of one call as the planner binds them.
struct FunctionBindInput {
	//! Per argument: the text of a string or number literal, or nullopt for any other expression.
	std::vector<std::optional<std::string>> constants;
	//! Per argument: kString or kNumber for a literal of that type, else kNull.
	std::vector<LogicalType> constant_types;
	//! Per argument: the text between the slashes of a `/regex/` argument, or nullopt.
	std::vector<std::optional<std::string>> regexes;
};

//! Thrown by a bind step for a call it cannot run, such as a pattern that does not compile.
//! The planner reports it as a query error at the argument's position.
class FunctionBindError : public std::runtime_error {
public:
	FunctionBindError(idx_t argument, const std::string &message, std::string hint = {})
	    : std::runtime_error(message), argument(argument), hint(std::move(hint)) {
	}

	//! Index of the argument at fault.
	idx_t argument;
	std::string hint;
};

//! The bind step of a function: checks constant arguments and builds FunctionData once per call.
//! Returns nullptr when the call needs no data.
using ScalarFunctionBind = std::unique_ptr<FunctionData> (*)(const FunctionBindInput &input);

//! A function callable in expressions, such as `isNull(x)` or `num(x)`.
struct ScalarFunction {
	//! The documented spelling; calls match it case-insensitively.
	std::string_view name;
	idx_t min_arguments;
	idx_t max_arguments;
	ScalarFunctionBody body;
	ScalarFunctionBind bind = nullptr;
};

//! Returns the function called `name` in any letter case, or nullptr when sumoql has none.
const ScalarFunction *FindScalarFunction(std::string_view name);

//! Returns the known function whose name is closest to `name`, for a "did you mean" hint, or an
//! empty view when none is close.
std::string_view SuggestScalarFunction(std::string_view name);

// Each family file lists its functions.
std::span<const ScalarFunction> NullTestFunctions();
std::span<const ScalarFunction> CastFunctions();
std::span<const ScalarFunction> ContainsFunctions();
std::span<const ScalarFunction> IsNumericFunctions();
std::span<const ScalarFunction> CaseConversionFunctions();
std::span<const ScalarFunction> DateTimeFunctions();
std::span<const ScalarFunction> IpAddressFunctions();
std::span<const ScalarFunction> CidrFunctions();
std::span<const ScalarFunction> ConcatFunctions();
std::span<const ScalarFunction> SubstringFunctions();
std::span<const ScalarFunction> TrimFunctions();
std::span<const ScalarFunction> ReplaceFunctions();
std::span<const ScalarFunction> FormatFunctions();
std::span<const ScalarFunction> UrlFunctions();
std::span<const ScalarFunction> Base64Functions();
std::span<const ScalarFunction> HashFunctions();
std::span<const ScalarFunction> MathFunctions();

} // namespace sumoql
