#include "engine/types/number_text.hpp"

#include "engine/types/ascii.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace sumoql {

bool ParseNumber(std::string_view text, double &out) {
	text = TrimAsciiSpace(text);
	if (!text.empty() && text.front() == '+') {
		text.remove_prefix(1);
	}
	if (text.empty()) {
		return false;
	}

	// from_chars also reads "inf" and "nan", which Sumo does not take as numbers.
	char first = text[0] == '-' && text.size() > 1 ? text[1] : text[0];
	if (!(first >= '0' && first <= '9') && first != '.') {
		return false;
	}

	double value = 0;
	auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value,
	                                    std::chars_format::general);
	if (error != std::errc() || end != text.data() + text.size()) {
		return false;
	}
	out = value;
	return true;
}

bool IsExactInteger(double value) {
	constexpr double kMaxExactInteger = 9007199254740992.0;
	return std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < kMaxExactInteger;
}

std::size_t FormatNumberTo(double value, char *buffer) {
	if (IsExactInteger(value)) {
		auto result = std::to_chars(buffer, buffer + 32, static_cast<std::int64_t>(value));
		return static_cast<std::size_t>(result.ptr - buffer);
	}
	if (std::isnan(value)) {
		return static_cast<std::size_t>(std::snprintf(buffer, 32, "NaN"));
	}
	if (std::isinf(value)) {
		return static_cast<std::size_t>(std::snprintf(buffer, 32, value > 0 ? "Infinity" : "-Infinity"));
	}
	auto result = std::to_chars(buffer, buffer + 32, value);
	return static_cast<std::size_t>(result.ptr - buffer);
}

std::string FormatNumber(double value) {
	char buffer[32];
	return std::string(buffer, FormatNumberTo(value, buffer));
}

} // namespace sumoql
