#include "engine/execution/schema.hpp"

namespace sumoql {

std::string FoldCase(std::string_view text) {
	std::string folded(text);
	for (char &c : folded) {
		if (c >= 'A' && c <= 'Z') {
			c = static_cast<char>(c - 'A' + 'a');
		}
	}
	return folded;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
	if (a.size() != b.size()) {
		return false;
	}
	auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
	for (std::size_t i = 0; i < a.size(); i++) {
		if (lower(a[i]) != lower(b[i])) {
			return false;
		}
	}
	return true;
}

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
