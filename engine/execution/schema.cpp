#include "engine/execution/schema.hpp"

namespace sumoql {

idx_t Schema::AddField(std::string_view name) {
	auto folded = FoldCase(name);
	auto found = slots_by_folded_name_.find(folded);
	if (found != slots_by_folded_name_.end()) {
		return found->second;
	}

	idx_t slot = names_.size();
	names_.emplace_back(name);
	slots_by_folded_name_.emplace(std::move(folded), slot);
	return slot;
}

std::optional<idx_t> Schema::Find(std::string_view name) const {
	auto found = slots_by_folded_name_.find(FoldCase(name));
	if (found == slots_by_folded_name_.end()) {
		return std::nullopt;
	}
	return found->second;
}

} // namespace sumoql
