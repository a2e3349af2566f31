#pragma once

#include "engine/operators/auto_fields.hpp"
#include "engine/operators/parse_common.hpp"
#include "engine/operators/physical_operator.hpp"

#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

namespace sumoql {

struct JsonAutoSettings {
	//! Containers nested deeper than this stay JSON text, and unset means no limit. The object
	//! that contains the top-level keys is at depth 1.
	std::optional<int> max_depth;
	//! Arrays whose elements are all scalars become `key[0]`, `key[1]`, ... and not JSON text.
	bool extract_arrays = false;
	//! `keys "k" as f`: the flattened key `k`, in any letter case, is stored as field `f`.
	AutoKeyList keys;
};

//! `json auto`: finds a JSON object in the input and extracts every key. Nested objects are
//! flattened with dots (`foo.bar`), the elements of arrays that hold objects or arrays with
//! their index (`foo[0].k1`), and spaces in keys become `_`. Arrays of scalars stay JSON text
//! unless `extractarrays` is set, and so does an empty object or array. Strings become their
//! text, numbers and booleans their JSON text, and JSON null a null.
//!
//! The JSON object is the first `{` from which the text up to the input's last `}` is one valid
//! JSON object, so text may come before and after it. A row without one keeps its fields. No
//! row is dropped, because Sumo documents that `json auto` keeps messages without JSON, so the
//! stage takes no part in the chain rule of parse operators.
class JsonAutoOperator : public PhysicalOperator {
public:
	JsonAutoOperator(ParseSettings settings, JsonAutoSettings options, AutoFieldSink sink);

	void Execute(DataChunk &chunk) override;

	AutoFieldSink &sink() {
		return sink_;
	}

private:
	//! Flattens the first JSON object of `text` into fields_. Returns false when it has none.
	bool ExtractObject(std::string_view text);
	bool TryObjectAt(std::string_view candidate);
	simdjson::error_code FlattenObject(simdjson::ondemand::object object, const std::string &prefix, int depth);
	simdjson::error_code FlattenArray(simdjson::ondemand::array array, const std::string &name, int depth);
	simdjson::error_code FlattenValue(simdjson::ondemand::value value, const std::string &name, int depth);
	bool Expands(int depth) const;
	void ApplyRenames();

	ParseSettings settings_;
	JsonAutoSettings options_;
	AutoFieldSink sink_;
	std::vector<AutoField> fields_;

	simdjson::dom::parser validator_;
	simdjson::ondemand::parser parser_;
	simdjson::ondemand::document document_;
	//! The row's text followed by simdjson's padding, reused from row to row.
	std::vector<char> buffer_;
};

} // namespace sumoql
