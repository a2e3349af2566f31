#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sumoql {

//! Parses an event timestamp into epoch milliseconds. Accepted forms:
//! - ISO 8601: `2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.123+02:00`, `...-0500`;
//! - the same with a space for the `T`, as Sysmon's `UtcTime` writes it: `2024-05-01 10:00:00.123`;
//! - an integer, taken as epoch milliseconds (how `_messageTime` is stored).
//! A time without a zone is UTC. Fraction digits past milliseconds are dropped (7- and 9-digit
//! fractions are common in Windows logs). Returns nothing for any other text.
std::optional<std::int64_t> ParseTimestamp(std::string_view text);

} // namespace sumoql
