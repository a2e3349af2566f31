#include "engine/readers/projection.hpp"

#include "engine/types/ascii.hpp"

namespace sumoql {

namespace {

//! A case-insensitive hash of `text` from its length and its first, second and last bytes.
//! It is cheap because it runs for every key of every event; the few collisions among the
//! names a query reads are settled by comparing the names.
std::size_t FoldedHash(std::string_view text) {
	if (text.empty()) {
		return 0;
	}
	auto byte = [&](std::size_t index) { return static_cast<std::size_t>(LowerAscii(text[index])); };
	std::size_t second = text.size() > 1 ? byte(1) : 0;
	return (text.size() * 0x9E3779B1u) ^ (byte(0) * 0x85EBCA6Bu) ^ (second * 0xC2B2AE35u) ^ (byte(text.size() - 1) * 0x27D4EB2Fu);
}

//! Returns true when `key` equals `folded`, a lower-case name, apart from the case of ASCII letters.
bool EqualsFolded(std::string_view folded, std::string_view key) {
	if (folded.size() != key.size()) {
		return false;
	}
	for (std::size_t i = 0; i < key.size(); i++) {
		if (folded[i] != LowerAscii(key[i])) {
			return false;
		}
	}
	return true;
}

} // namespace

ProjectionNode &ProjectionNode::Child(std::string_view name) {
	if (const ProjectionNode *found = FindChild(name)) {
		return const_cast<ProjectionNode &>(*found);
	}
	folded_names_.push_back(FoldCase(name));
	children_.push_back(std::make_unique<ProjectionNode>());
	Rehash();
	return *children_.back();
}

const ProjectionNode *ProjectionNode::FindChild(std::string_view key) const {
	if (table_.empty()) {
		return nullptr;
	}
	std::size_t mask = table_.size() - 1;
	std::size_t hash = FoldedHash(key);
	for (std::size_t probe = hash & mask;; probe = (probe + 1) & mask) {
		const TableEntry &entry = table_[probe];
		if (entry.index < 0) {
			return nullptr;
		}
		if (entry.hash == hash && EqualsFolded(folded_names_[entry.index], key)) {
			return children_[entry.index].get();
		}
	}
}

void ProjectionNode::Rehash() {
	std::size_t size = 8;
	while (size < 2 * children_.size()) {
		size *= 2;
	}
	table_.assign(size, TableEntry {});
	for (std::size_t index = 0; index < folded_names_.size(); index++) {
		std::size_t hash = FoldedHash(folded_names_[index]);
		std::size_t probe = hash & (size - 1);
		while (table_[probe].index >= 0) {
			probe = (probe + 1) & (size - 1);
		}
		table_[probe] = TableEntry {static_cast<int>(index), hash};
	}
}

ProjectionNode &Projection::NodeFor(std::string_view name) {
	ProjectionNode *node = &root;
	std::size_t start = 0;
	while (true) {
		std::size_t dot = name.find('.', start);
		node = &node->Child(name.substr(start, dot == std::string_view::npos ? name.npos : dot - start));
		if (dot == std::string_view::npos) {
			return *node;
		}
		start = dot + 1;
	}
}

void Projection::AddField(std::string_view name, idx_t slot) {
	// A key that itself contains dots, such as {"a.b": 1}, is reached by the full name too.
	if (name.find('.') != std::string_view::npos) {
		root.Child(name).slot = slot;
	}
	NodeFor(name).slot = slot;
}

void Projection::AddTimeCandidate(std::string_view name, int rank) {
	ProjectionNode &node = NodeFor(name);
	node.time_rank = rank;

	std::size_t dot = name.rfind('.');
	std::string_view last = dot == std::string_view::npos ? name : name.substr(dot + 1);
	node.time_is_utc = EqualsIgnoringCase(last, "UtcTime") || EqualsIgnoringCase(last, "SystemTime");
}

} // namespace sumoql
