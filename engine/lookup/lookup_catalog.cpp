#include "engine/lookup/lookup_catalog.hpp"

namespace sumoql {

void LookupCatalog::Map(std::string table_path, std::string file) {
	std::lock_guard lock(mutex_);
	entries_[std::move(table_path)] = Entry {std::move(file), nullptr};
}

std::shared_ptr<const LookupTable> LookupCatalog::Find(std::string_view table_path) {
	std::lock_guard lock(mutex_);
	auto found = entries_.find(table_path);
	if (found == entries_.end()) {
		return nullptr;
	}
	if (!found->second.table) {
		found->second.table = LookupTable::Load(found->second.file);
	}
	return found->second.table;
}

std::vector<std::string> LookupCatalog::table_paths() const {
	std::vector<std::string> paths;
	for (const auto &[path, entry] : entries_) {
		paths.push_back(path);
	}
	return paths;
}

} // namespace sumoql
