#pragma once

#include "engine/operators/auto_fields.hpp"
#include "engine/operators/parse_common.hpp"
#include "engine/operators/physical_operator.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sumoql {

struct KeyValueAutoSettings {
	//! `delim "s"`: the one separator between key and value. Unset means any of `=`, `:` and `->`.
	std::optional<std::string> delimiter;
	//! `keys "k" as f`: key `k`, compared case-sensitively, is stored as field `f`.
	AutoKeyList keys;
};

//! `keyvalue auto` (also `kv auto`): extracts every key-value pair of the input, from left to
//! right. A key is a name of letters, digits, `_`, `.` and `-` that starts with a letter or `_`
//! and is not part of a longer name. The separator, the optional spaces around it and the value
//! are as in inference mode. A key's field name has every character but letters, digits and `_`
//! replaced by `_`.
//!
//! A row matches when it has at least one pair and every listed key. A row that does not match
//! is dropped unless the parse rules keep it.
class KeyValueAutoOperator : public PhysicalOperator {
public:
	KeyValueAutoOperator(ParseSettings settings, KeyValueAutoSettings options, AutoFieldSink sink);

	void Execute(DataChunk &chunk) override;

	AutoFieldSink &sink() {
		return sink_;
	}

private:
	//! Finds the pairs of `text` and stores them, named, in fields_. Returns the number of
	//! listed keys found.
	std::size_t ExtractPairs(std::string_view text);
	//! Returns the position after the separator at `position`, or npos when none starts there.
	std::size_t SkipSeparator(std::string_view text, std::size_t position) const;

	ParseSettings settings_;
	KeyValueAutoSettings options_;
	AutoFieldSink sink_;
	std::vector<std::uint8_t> matched_;
	std::vector<AutoField> fields_;
};

} // namespace sumoql
