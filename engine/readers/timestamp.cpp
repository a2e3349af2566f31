#include "engine/readers/timestamp.hpp"

#include <chrono>
#include <limits>

namespace sumoql {

namespace {

//! Reads exactly `digits` decimal digits at `position` and advances past them.
bool ReadDigits(std::string_view text, std::size_t &position, int digits, int &value) {
	if (position + digits > text.size()) {
		return false;
	}
	value = 0;
	for (int i = 0; i < digits; i++) {
		char c = text[position + i];
		if (c < '0' || c > '9') {
			return false;
		}
		value = value * 10 + (c - '0');
	}
	position += digits;
	return true;
}

bool Expect(std::string_view text, std::size_t &position, char expected) {
	if (position >= text.size() || text[position] != expected) {
		return false;
	}
	position++;
	return true;
}

std::optional<std::int64_t> ParseEpochMilliseconds(std::string_view text) {
	constexpr std::int64_t kLargest = std::numeric_limits<std::int64_t>::max();
	std::int64_t value = 0;
	for (char c : text) {
		if (c < '0' || c > '9') {
			return std::nullopt;
		}
		if (value > (kLargest - (c - '0')) / 10) {
			return std::nullopt;
		}
		value = value * 10 + (c - '0');
	}
	return value;
}

//! Reads `.fff...` and returns milliseconds; extra digits are dropped.
bool ReadFraction(std::string_view text, std::size_t &position, int &milliseconds) {
	milliseconds = 0;
	if (position >= text.size() || text[position] != '.') {
		return true;
	}
	position++;

	int digits = 0;
	while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
		if (digits < 3) {
			milliseconds = milliseconds * 10 + (text[position] - '0');
		}
		digits++;
		position++;
	}
	for (int i = digits; i < 3; i++) {
		milliseconds *= 10;
	}
	return digits > 0;
}

//! Reads `Z`, `+HH:MM`, `-HHMM` or nothing, and returns the offset from UTC in minutes. With
//! nothing, the offset is `default_offset_minutes`.
bool ReadZone(std::string_view text, std::size_t &position, int default_offset_minutes, int &offset_minutes) {
	offset_minutes = default_offset_minutes;
	if (position == text.size()) {
		return true;
	}
	offset_minutes = 0;
	if (text[position] == 'Z' || text[position] == 'z') {
		position++;
		return position == text.size();
	}
	if (text[position] != '+' && text[position] != '-') {
		return false;
	}

	int sign = text[position++] == '-' ? -1 : 1;
	int hours;
	int minutes = 0;
	if (!ReadDigits(text, position, 2, hours)) {
		return false;
	}
	if (position < text.size()) {
		Expect(text, position, ':');
		if (!ReadDigits(text, position, 2, minutes)) {
			return false;
		}
	}
	// An offset is a time of day: real zones lie within 14 hours of UTC, and no offset reaches 24.
	if (hours > 23 || minutes > 59) {
		return false;
	}
	offset_minutes = sign * (hours * 60 + minutes);
	return position == text.size();
}

} // namespace

std::optional<int> ParseZoneOffset(std::string_view text) {
	if (text == "UTC" || text == "utc" || text == "Z") {
		return 0;
	}
	std::size_t position = 0;
	int offset_minutes = 0;
	if (text.empty() || !ReadZone(text, position, 0, offset_minutes)) {
		return std::nullopt;
	}
	return offset_minutes;
}

std::string ZoneOffsetHint(std::string_view zone) {
	std::string hint = "give UTC or a fixed offset from -23:59 to +23:59, such as +02:00 or -05:00";
	// NOTE: named zones such as Europe/Paris need a time zone database, which the C++ library of
	// Debian 12's GCC does not provide.
	if (zone.find('/') != std::string_view::npos) {
		hint += "; named zones such as Europe/Paris are not supported";
	}
	return hint;
}

std::optional<std::int64_t> ParseUserTime(std::string_view text) {
	// A date alone, as people write a day's range, starts at midnight UTC, and a time without
	// seconds starts at second 0.
	std::string written(text);
	bool date_only = text.size() == 10 && text[4] == '-' && text[7] == '-';
	bool no_seconds = text.size() >= 16 && text[4] == '-' && text[13] == ':' && (text.size() == 16 || text[16] != ':');
	if (date_only) {
		written += "T00:00:00Z";
	} else if (no_seconds) {
		written.insert(16, ":00");
	}
	auto time = ParseTimestamp(written);
	if (!time || *time > kLatestUserTime) {
		return std::nullopt;
	}
	return time;
}

std::optional<std::int64_t> ParseTimestamp(std::string_view text, int default_offset_minutes) {
	if (text.empty()) {
		return std::nullopt;
	}
	if (text.find('-') == std::string_view::npos) {
		return ParseEpochMilliseconds(text);
	}

	std::size_t position = 0;
	int year, month, day, hour, minute, second;
	bool date_ok = ReadDigits(text, position, 4, year) && Expect(text, position, '-') &&
	               ReadDigits(text, position, 2, month) && Expect(text, position, '-') &&
	               ReadDigits(text, position, 2, day);
	if (!date_ok || position >= text.size() || (text[position] != 'T' && text[position] != ' ')) {
		return std::nullopt;
	}
	position++;

	bool time_ok = ReadDigits(text, position, 2, hour) && Expect(text, position, ':') &&
	               ReadDigits(text, position, 2, minute) && Expect(text, position, ':') &&
	               ReadDigits(text, position, 2, second);
	int milliseconds;
	int offset_minutes;
	if (!time_ok || !ReadFraction(text, position, milliseconds) || !ReadZone(text, position, default_offset_minutes, offset_minutes)) {
		return std::nullopt;
	}

	using namespace std::chrono;
	year_month_day date {std::chrono::year {year}, std::chrono::month {static_cast<unsigned>(month)},
	                     std::chrono::day {static_cast<unsigned>(day)}};
	if (!date.ok() || hour > 23 || minute > 59 || second > 60) {
		return std::nullopt;
	}
	auto time = sys_days {date} + hours {hour} + minutes {minute} + seconds {second} +
	            std::chrono::milliseconds {milliseconds} - minutes {offset_minutes};
	return duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

} // namespace sumoql

namespace sumoql {

std::optional<std::int64_t> ParseEventTime(std::string_view text, TimeFormat format, int default_offset_minutes) {
	if (format == TimeFormat::kAuto) {
		return ParseTimestamp(text, default_offset_minutes);
	}

	// Epoch values: digits with an optional fraction.
	std::size_t dot = text.find('.');
	std::string_view whole = text.substr(0, dot);
	std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
	auto integer = ParseEpochMilliseconds(whole);
	if (whole.empty() || !integer || ParseEpochMilliseconds(fraction) == std::nullopt) {
		return std::nullopt;
	}
	if (format == TimeFormat::kEpochMilliseconds) {
		return *integer;
	}
	std::int64_t milliseconds = 0;
	for (std::size_t i = 0; i < 3; i++) {
		milliseconds = milliseconds * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
	}
	return *integer * 1000 + milliseconds;
}

} // namespace sumoql
