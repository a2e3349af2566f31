#include "cli/time_bound.hpp"

#include "engine/readers/timestamp.hpp"

namespace sumoql {

namespace {

std::optional<std::int64_t> UnitMilliseconds(char unit) {
	switch (unit) {
	case 'w':
		return 7 * 24 * 3600 * 1000LL;
	case 'd':
		return 24 * 3600 * 1000LL;
	case 'h':
		return 3600 * 1000LL;
	case 'm':
		return 60 * 1000LL;
	case 's':
		return 1000LL;
	default:
		return std::nullopt;
	}
}

//! Parses `1d12h` style text into milliseconds.
std::optional<std::int64_t> ParseDuration(std::string_view text) {
	std::int64_t total = 0;
	std::size_t position = 0;
	while (position < text.size()) {
		std::int64_t count = 0;
		std::size_t digits = 0;
		while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
			count = count * 10 + (text[position++] - '0');
			digits++;
		}
		if (digits == 0 || position >= text.size()) {
			return std::nullopt;
		}
		auto unit = UnitMilliseconds(text[position++]);
		if (!unit) {
			return std::nullopt;
		}
		total += count * *unit;
	}
	return text.empty() ? std::nullopt : std::optional<std::int64_t>(total);
}

} // namespace

std::optional<std::int64_t> ParseTimeBound(std::string_view text, std::int64_t now_ms) {
	if (text == "now") {
		return now_ms;
	}
	if (text.starts_with('-')) {
		auto duration = ParseDuration(text.substr(1));
		return duration ? std::optional<std::int64_t>(now_ms - *duration) : std::nullopt;
	}
	return ParseUserTime(text);
}

} // namespace sumoql
