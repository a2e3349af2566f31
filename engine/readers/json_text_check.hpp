#pragma once

#include <simdjson.h>

#include <cstddef>
#include <string_view>

namespace sumoql {

//! Checks that a JSON text is valid throughout: a whole event for output that shows whole events,
//! or an object or array value that the query reads as text.
//!
//! The decoder skips the values of keys the query does not read, and simdjson's On-Demand API
//! does not check everything it skips. A writer that prints such text parses it with
//! nlohmann::json, so the text must be rejected when it is read unless that parser accepts it.
//! simdjson's DOM parser checks the whole text and agrees with nlohmann except on some numbers:
//! it rejects integers beyond 64 bits, which nlohmann reads as doubles. So a text that the DOM
//! parser rejects for a number is checked again with nlohmann.
class JsonTextCheck {
public:
	//! Checks `text`, which has `capacity` readable bytes from its start. Returns the first error.
	simdjson::error_code Check(std::string_view text, std::size_t capacity);

private:
	simdjson::dom::parser parser_;
};

//! Returns true when `token` is one JSON number, as RFC 8259 writes it.
bool IsJsonNumber(std::string_view token);

//! Checks the raw token of a number, `true`, `false` or `null` that simdjson typed as `type`.
simdjson::error_code CheckJsonScalar(simdjson::ondemand::json_type type, std::string_view token);

} // namespace sumoql
