#include "engine/readers/projection.hpp"

#include "engine/execution/schema.hpp"

namespace sumoql {

ProjectionNode &Projection::NodeFor(std::string_view name) {
	ProjectionNode *node = &root;
	std::size_t start = 0;
	while (true) {
		std::size_t dot = name.find('.', start);
		std::string part = FoldCase(name.substr(start, dot == std::string_view::npos ? name.npos : dot - start));
		node = &node->children[part];
		if (dot == std::string_view::npos) {
			return *node;
		}
		start = dot + 1;
	}
}

void Projection::AddField(std::string_view name, idx_t slot) {
	// A key that itself contains dots, such as {"a.b": 1}, is reached by the full name too.
	if (name.find('.') != std::string_view::npos) {
		root.children[FoldCase(name)].slot = slot;
	}
	NodeFor(name).slot = slot;
}

void Projection::AddTimeCandidate(std::string_view name, int rank) {
	NodeFor(name).time_rank = rank;
}

} // namespace sumoql
