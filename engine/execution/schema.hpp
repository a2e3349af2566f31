#pragma once

#include "engine/types/ascii.hpp"
#include "engine/types/constants.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sumoql {

//! The field slots of a query: every field the query reads or creates gets one column index in
//! each DataChunk. Sumo resolves field names case-insensitively, and output keeps the spelling
//! of the first mention.
class Schema {
public:
	//! Returns the slot of `name`, adding it if no field of that name (in any case) exists.
	idx_t AddField(std::string_view name);

	std::optional<idx_t> Find(std::string_view name) const;

	const std::string &name(idx_t slot) const {
		return names_[slot];
	}

	idx_t size() const {
		return names_.size();
	}

private:
	std::vector<std::string> names_;
	std::unordered_map<std::string, idx_t> slots_by_folded_name_;
};

} // namespace sumoql
