#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/value.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sumoql {

//! Appends an encoding of `value` to `key`. Two values encode to the same bytes exactly when
//! they are equal: same type and same text, number or boolean. Strings compare case-sensitively,
//! and null is a value of its own.
void AppendKeyValue(const Value &value, std::string &key);

//! Replaces `key` with the encoding of row `row` of `chunk` over `slots`, in order.
void BuildGroupKey(const DataChunk &chunk, sel_t row, const std::vector<idx_t> &slots, std::string &key);

//! Hashes std::string and std::string_view alike, so maps keyed by encoded keys can be searched
//! without building a std::string.
struct KeyHash {
	using is_transparent = void;
	std::size_t operator()(std::string_view key) const {
		return std::hash<std::string_view> {}(key);
	}
};

//! A map from encoded group keys to per-group state.
template <typename State>
using GroupMap = std::unordered_map<std::string, State, KeyHash, std::equal_to<>>;

} // namespace sumoql
