// Dates and times, in milliseconds since the Unix epoch.
//
// now(): the query's notion of now. It is fixed for the whole run (`sumoql run --now TIME`,
// else the wall clock at start), so every row sees the same value and a test can freeze it.
//
// formatDate(ms[, pattern[, zone]]): the time as text in a Java SimpleDateFormat pattern, by
// default "MM/dd/yyyy HH:mm:ss.SSS Z", in a time zone such as "America/New_York", by default
// UTC. formatDate(0, "yyyy-MM-dd", "UTC") is "1970-01-01".
//
// queryStartTime(), queryEndTime() and queryTimeRange(): the time range's start, end and length.
// The range is `--from` to `--to`. Without `--to` it ends at now(), and without `--from` it has
// no start, so queryStartTime() and queryTimeRange() are null.
//
// parseDate(text, pattern[, zone]): the time that `text` gives in the pattern, read in the zone
// (by default UTC) unless the text names one. Parsing is strict: the pattern must match the whole
// text and every field must be in range, else the value is null and counted as a failed
// conversion.
//
// ICU's SimpleDateFormat does both, because its patterns, calendar and zone database follow
// Java's. ICU knows more pattern letters than Java (such as Q, b and B), so a pattern is first
// checked against Java's letters. A pattern or zone that is invalid is a query error when it is a
// literal; otherwise the value is null and counted for the run summary.

#include "engine/functions/row_executor.hpp"

#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <memory>
#include <string>

namespace sumoql {

namespace {

constexpr std::string_view kDefaultPattern = "MM/dd/yyyy HH:mm:ss.SSS Z";
constexpr std::string_view kDefaultZone = "UTC";

//! The pattern letters of Java's SimpleDateFormat (Java 8 to 21). Every other ASCII letter outside
//! quotes is an error there.
constexpr std::string_view kJavaPatternLetters = "GyYMLwWDdFEuaHkKhmsSzZX";

//! Checks `pattern` the way Java's SimpleDateFormat constructor does. Returns Java's message for
//! the first fault, or an empty string when the pattern is valid.
std::string CheckJavaDatePattern(std::string_view pattern) {
	bool in_quote = false;
	for (char c : pattern) {
		if (c == '\'') {
			// Two quotes in a row are a literal quote, inside or outside quoted text, so toggling
			// twice gives the same state.
			in_quote = !in_quote;
			continue;
		}
		bool is_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (!in_quote && is_letter && kJavaPatternLetters.find(c) == std::string_view::npos) {
			return fmt::format("Illegal pattern character '{}' in date pattern '{}'", c, pattern);
		}
	}
	if (in_quote) {
		return fmt::format("Unterminated quote in date pattern '{}'", pattern);
	}
	return {};
}

//! Builds a formatter for `pattern` in `zone`. Returns nullptr and sets `error` when either is
//! invalid.
std::unique_ptr<icu::SimpleDateFormat> MakeFormatter(std::string_view pattern, std::string_view zone,
                                                     std::string &error) {
	error = CheckJavaDatePattern(pattern);
	if (!error.empty()) {
		return nullptr;
	}

	std::unique_ptr<icu::TimeZone> time_zone(
	    icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), zone.size()))));
	if (*time_zone == icu::TimeZone::getUnknown()) {
		error = fmt::format("unknown time zone '{}'", zone);
		return nullptr;
	}

	UErrorCode status = U_ZERO_ERROR;
	auto formatter = std::make_unique<icu::SimpleDateFormat>(
	    icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), pattern.size())), icu::Locale::getUS(), status);
	if (U_FAILURE(status)) {
		error = fmt::format("invalid date pattern '{}': {}", pattern, u_errorName(status));
		return nullptr;
	}
	formatter->adoptTimeZone(time_zone.release());
	formatter->setLenient(false);
	return formatter;
}

//! The formatter of one call. It is built at plan time when the pattern and zone are literals,
//! and otherwise rebuilt whenever a row brings another pattern or zone. Each thread runs its own
//! plan, so the mutable members are never shared.
struct DateFormatData : FunctionData {
	const icu::SimpleDateFormat *Get(std::string_view pattern, std::string_view zone) const {
		if (!formatter || pattern != current_pattern || zone != current_zone) {
			std::string error;
			formatter = MakeFormatter(pattern, zone, error);
			current_pattern = pattern;
			current_zone = zone;
		}
		return formatter.get();
	}

	mutable std::unique_ptr<icu::SimpleDateFormat> formatter;
	mutable std::string current_pattern;
	mutable std::string current_zone;
};

void Now(std::span<const Vector *const>, const SelectionVector &selection, idx_t count, Vector &result,
         FunctionContext &context) {
	result.SetType(LogicalType::kNumber);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		result.numbers()[row] = static_cast<double>(context.clock.now_ms);
		result.validity().SetValid(row);
	}
}

//! Sets every selected row to `value`, or to null when it is absent.
void FillTime(std::optional<std::int64_t> value, const SelectionVector &selection, idx_t count, Vector &result) {
	if (!value) {
		result.SetAllNull();
		return;
	}
	result.SetType(LogicalType::kNumber);
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		result.numbers()[row] = static_cast<double>(*value);
		result.validity().SetValid(row);
	}
}

//! The end of the time range: `--to`, or now when the range is open at the end.
std::int64_t RangeEnd(const QueryClock &clock) {
	return clock.to ? *clock.to : clock.now_ms;
}

void QueryStartTime(std::span<const Vector *const>, const SelectionVector &selection, idx_t count, Vector &result,
                    FunctionContext &context) {
	FillTime(context.clock.from, selection, count, result);
}

void QueryEndTime(std::span<const Vector *const>, const SelectionVector &selection, idx_t count, Vector &result,
                  FunctionContext &context) {
	FillTime(RangeEnd(context.clock), selection, count, result);
}

void QueryTimeRange(std::span<const Vector *const>, const SelectionVector &selection, idx_t count, Vector &result,
                    FunctionContext &context) {
	std::optional<std::int64_t> length;
	if (context.clock.from) {
		length = RangeEnd(context.clock) - *context.clock.from;
	}
	FillTime(length, selection, count, result);
}

//! Reads argument `index` of `row` as text, or `fallback` when the call has no such argument.
std::string_view ReadTextArgument(std::span<const Vector *const> arguments, idx_t index, sel_t row,
                                  DataChunk &chunk, std::string_view fallback) {
	return index < arguments.size() ? ValueAsText(*arguments[index], row, chunk) : fallback;
}

void FormatDate(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                Vector &result, FunctionContext &context) {
	const auto &data = static_cast<const DateFormatData &>(*context.data);
	icu::UnicodeString formatted;
	std::string text;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		double milliseconds;
		const icu::SimpleDateFormat *formatter =
		    data.Get(ReadTextArgument(arguments, 1, row, context.chunk, kDefaultPattern),
		             ReadTextArgument(arguments, 2, row, context.chunk, kDefaultZone));
		if (!ReadNumberAt(*arguments[0], row, milliseconds) || !std::isfinite(milliseconds) || !formatter) {
			context.stats.invalid_arguments++;
			return false;
		}

		formatted.remove();
		formatter->format(static_cast<UDate>(std::trunc(milliseconds)), formatted);
		text.clear();
		formatted.toUTF8String(text);
		result.strings()[row] = context.chunk.heap.AddString(text);
		return true;
	});
}

void ParseDate(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
               Vector &result, FunctionContext &context) {
	const auto &data = static_cast<const DateFormatData &>(*context.data);
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kNumber, [&](sel_t row) {
		std::string_view text = ValueAsText(*arguments[0], row, context.chunk);
		const icu::SimpleDateFormat *formatter =
		    data.Get(ValueAsText(*arguments[1], row, context.chunk),
		             ReadTextArgument(arguments, 2, row, context.chunk, kDefaultZone));
		if (!formatter) {
			context.stats.invalid_arguments++;
			return false;
		}

		// parse() with a position stops at the first character the pattern does not take, so
		// comparing the end with the length rejects text with anything left over.
		icu::UnicodeString unicode_text = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
		icu::ParsePosition position(0);
		UDate parsed = formatter->parse(unicode_text, position);
		if (position.getErrorIndex() >= 0 || position.getIndex() != unicode_text.length()) {
			context.stats.failed_conversions++;
			return false;
		}
		result.numbers()[row] = parsed;
		return true;
	});
}

//! Checks a literal pattern (argument `pattern_index`) and zone (the next argument) and builds
//! the formatter when both are known.
std::unique_ptr<FunctionData> BindDateFormat(const FunctionBindInput &input, idx_t pattern_index) {
	auto data = std::make_unique<DateFormatData>();
	const auto &constants = input.constants;
	bool has_pattern = pattern_index < constants.size();
	bool has_zone = pattern_index + 1 < constants.size();
	bool pattern_known = !has_pattern || constants[pattern_index];
	bool zone_known = !has_zone || constants[pattern_index + 1];

	std::string error;
	if (pattern_known && has_pattern) {
		MakeFormatter(*constants[pattern_index], kDefaultZone, error);
		if (!error.empty()) {
			throw FunctionBindError(pattern_index, error,
			                        "use Java SimpleDateFormat letters, such as yyyy-MM-dd HH:mm:ss, and put other "
			                        "text in single quotes, such as 'T'");
		}
	}
	if (zone_known && has_zone) {
		MakeFormatter(kDefaultPattern, *constants[pattern_index + 1], error);
		if (!error.empty()) {
			throw FunctionBindError(pattern_index + 1, error, "use a zone ID such as UTC or America/New_York");
		}
	}
	if (pattern_known && zone_known) {
		data->Get(has_pattern ? *constants[pattern_index] : kDefaultPattern,
		          has_zone ? *constants[pattern_index + 1] : kDefaultZone);
	}
	return data;
}

std::unique_ptr<FunctionData> BindFormatDate(const FunctionBindInput &input) {
	// Sumo takes epoch milliseconds as a long and rejects text here; its message names the
	// argument types.
	if (input.constant_types[0] == LogicalType::kString) {
		std::string types = "String";
		for (std::size_t i = 1; i < input.constants.size(); i++) {
			types += ", String";
		}
		throw FunctionBindError(0, fmt::format("Multiple definitions found for function formatDate({})", types),
		                        "formatDate takes epoch milliseconds as a number; convert text with toLong()");
	}
	return BindDateFormat(input, 1);
}

std::unique_ptr<FunctionData> BindParseDate(const FunctionBindInput &input) {
	return BindDateFormat(input, 1);
}

constexpr std::array kFunctions = {
    ScalarFunction {"now", 0, 0, Now},
    ScalarFunction {"queryStartTime", 0, 0, QueryStartTime},
    ScalarFunction {"queryEndTime", 0, 0, QueryEndTime},
    ScalarFunction {"queryTimeRange", 0, 0, QueryTimeRange},
    ScalarFunction {"formatDate", 1, 3, FormatDate, BindFormatDate},
    ScalarFunction {"parseDate", 2, 3, ParseDate, BindParseDate},
};

} // namespace

std::span<const ScalarFunction> DateTimeFunctions() {
	return kFunctions;
}

} // namespace sumoql
