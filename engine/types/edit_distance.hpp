#pragma once

#include "engine/types/ascii.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace sumoql {

//! Returns the Levenshtein distance between `a` and `b`, with ASCII letters compared without
//! case. "Did you mean" hints use it to find the closest known name.
inline std::size_t EditDistance(std::string_view a, std::string_view b) {
	std::vector<std::size_t> previous(b.size() + 1);
	std::vector<std::size_t> current(b.size() + 1);
	for (std::size_t j = 0; j <= b.size(); j++) {
		previous[j] = j;
	}
	for (std::size_t i = 1; i <= a.size(); i++) {
		current[0] = i;
		for (std::size_t j = 1; j <= b.size(); j++) {
			std::size_t substitution = previous[j - 1] + (LowerAscii(a[i - 1]) == LowerAscii(b[j - 1]) ? 0 : 1);
			current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
		}
		std::swap(previous, current);
	}
	return previous[b.size()];
}

} // namespace sumoql
