#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sumoql {

//! Parses a --from or --to value into epoch milliseconds. It takes `now`, a time before `now_ms`
//! such as `-24h`, `-15m` or `-1d12h` (units w, d, h, m, s), an ISO 8601 time or
//! `YYYY-MM-DD HH:MM:SS` (UTC unless it has a zone), or epoch milliseconds. Returns nothing for
//! any other text.
std::optional<std::int64_t> ParseTimeBound(std::string_view text, std::int64_t now_ms);

} // namespace sumoql
