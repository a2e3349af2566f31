#pragma once

#include "engine/operators/json_path.hpp"
#include "engine/operators/parse_common.hpp"
#include "engine/operators/physical_operator.hpp"

#include <simdjson.h>

#include <string>
#include <vector>

namespace sumoql {

//! Sets `text` to the JSON text of `value` as written in the input, so strings keep their quotes
//! and numbers their spelling.
simdjson::error_code RawJson(simdjson::ondemand::value value, std::string_view &text);

//! `json "a.b", "c[0]" as x, y [nodrop]`: reads the JSON in the input field and stores the value
//! at each path in its field. A string value becomes its text, a number or boolean its JSON
//! text, an object or array its JSON text, and JSON null a null. A path with `[*]` gives the
//! JSON array of every value it reaches.
//!
//! The JSON starts at the input's first `{` or `[`, so a log line may have text before it. A
//! row matches when every path is found. A path that is not found leaves its field as it was,
//! which is null unless an earlier stage set it. A row that does not match is dropped unless the
//! parse rules keep it.
class JsonOperator : public PhysicalOperator {
public:
	struct Target {
		JsonPath path;
		idx_t slot = 0;
	};

	JsonOperator(ParseSettings settings, std::vector<Target> targets);

	void Execute(DataChunk &chunk) override;

private:
	//! Starts reading the JSON of `text`. Returns false when the text has none.
	bool StartDocument(std::string_view text);
	//! Stores the value of `target` for `row`. Returns false when the path is not found.
	bool ExtractTarget(const Target &target, DataChunk &chunk, sel_t row);

	ParseSettings settings_;
	std::vector<Target> targets_;
	std::vector<std::uint8_t> matched_;

	simdjson::ondemand::parser parser_;
	simdjson::ondemand::document document_;
	//! The row's JSON text followed by simdjson's padding, reused from row to row.
	std::vector<char> buffer_;
	//! The JSON array text that a `[*]` path builds.
	std::string list_;
};

} // namespace sumoql
