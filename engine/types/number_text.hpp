#pragma once

#include <string>
#include <string_view>

namespace sumoql {

//! Parses decimal or scientific text, as Sumo does when an operation needs a number
//! ("8443", " 3.5 ", "-1e3", "+7"). Returns false for anything else, including "", "0x1F",
//! "inf" and "NaN", and leaves `out` unchanged then.
bool ParseNumber(std::string_view text, double &out);

//! Returns true when `value` is a whole number below 2^53 in magnitude, which a double holds
//! exactly and which prints as an integer.
bool IsExactInteger(double value);

//! Formats a number the way Sumo displays it: integral values without a fraction (8443, not
//! 8443.0), others in the shortest form that reads back to the same double.
std::string FormatNumber(double value);

//! Writes FormatNumber(value) into `buffer` (at least 32 bytes) and returns its length.
std::size_t FormatNumberTo(double value, char *buffer);

} // namespace sumoql
