#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sumoql {

//! The rules for reading the text of an event's time field.
enum class TimeFormat {
	//! ISO 8601, `YYYY-MM-DD HH:MM:SS[.fff...]` with or without a zone, or epoch milliseconds.
	kAuto,
	//! Epoch seconds, with or without a fraction.
	kEpochSeconds,
	//! Epoch milliseconds.
	kEpochMilliseconds,
};

//! Parses an event timestamp into epoch milliseconds. Accepted forms:
//! - ISO 8601: `2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.123+02:00`, `...-0500`;
//! - the same with a space for the `T`, as Sysmon's `UtcTime` writes it: `2024-05-01 10:00:00.123`;
//! - an integer, taken as epoch milliseconds (how `_messageTime` is stored).
//! A time without a zone is at `default_offset_minutes` from UTC. Fraction digits past
//! milliseconds are dropped (7- and 9-digit fractions are common in Windows logs). Returns
//! nothing for any other text.
std::optional<std::int64_t> ParseTimestamp(std::string_view text, int default_offset_minutes = 0);

//! The last millisecond of year 9999 (9999-12-31T23:59:59.999Z), the latest time ParseUserTime
//! takes, so epoch milliseconds with a digit too many are rejected.
constexpr std::int64_t kLatestUserTime = 253402300799999;

//! Parses a time that a user sets, such as `run --now` or a test case's `now`: ISO 8601 as
//! ParseTimestamp takes it, in UTC unless it has a zone and with seconds optional, a date alone
//! (midnight UTC), or epoch milliseconds up to kLatestUserTime. Returns nothing for any other text, the empty text
//! included.
std::optional<std::int64_t> ParseUserTime(std::string_view text);

//! Returns what to write in place of `zone`, a time zone that ParseZoneOffset rejects.
std::string ZoneOffsetHint(std::string_view zone);

//! The forms ParseUserTime takes, with examples, for error messages.
constexpr std::string_view kUserTimeForms =
    "epoch milliseconds such as 1717423200000, an ISO 8601 time such as 2024-06-03T14:00:00Z, or a date "
    "such as 2024-06-03";

//! Parses a fixed zone offset: `UTC`, `Z`, `+HH:MM`, `-HH:MM` or `+HHMM`, into minutes east of
//! UTC. Returns nothing for any other text.
std::optional<int> ParseZoneOffset(std::string_view text);

} // namespace sumoql

namespace sumoql {

//! Parses an event time written in `format` into epoch milliseconds. Times without a zone are
//! at `default_offset_minutes` from UTC.
std::optional<std::int64_t> ParseEventTime(std::string_view text, TimeFormat format, int default_offset_minutes);

} // namespace sumoql
