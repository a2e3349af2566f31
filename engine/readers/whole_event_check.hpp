#pragma once

#include <simdjson.h>

#include <cstddef>
#include <string_view>

namespace sumoql {

//! Checks that an event is valid JSON throughout, for output that shows whole events.
//!
//! The decoder skips the values of keys the query does not read, and simdjson's On-Demand API
//! does not check everything it skips. A writer that prints every key parses the whole event
//! with nlohmann::json, so an event must be rejected when it is read unless that parser accepts
//! it. simdjson's DOM parser checks the whole text and agrees with nlohmann except on some
//! numbers: it rejects integers beyond 64 bits, which nlohmann reads as doubles. So an event
//! that the DOM parser rejects for a number is checked again with nlohmann.
class WholeEventCheck {
public:
	//! Checks `text`, which has `capacity` readable bytes from its start. Returns the first error.
	simdjson::error_code Check(std::string_view text, std::size_t capacity);

private:
	simdjson::dom::parser parser_;
};

} // namespace sumoql
