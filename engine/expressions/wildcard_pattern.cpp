#include "engine/expressions/wildcard_pattern.hpp"

namespace sumoql {

WildcardPattern::WildcardPattern(std::string_view pattern) {
	std::size_t start = 0;
	while (true) {
		std::size_t star = pattern.find('*', start);
		if (star == std::string_view::npos) {
			pieces_.emplace_back(pattern.substr(start));
			break;
		}
		pieces_.emplace_back(pattern.substr(start, star - start));
		start = star + 1;
	}
}

bool WildcardPattern::Matches(std::string_view text) const {
	const std::string &first = pieces_.front();
	if (pieces_.size() == 1) {
		return text == first;
	}

	const std::string &last = pieces_.back();
	if (text.size() < first.size() + last.size() || !text.starts_with(first) || !text.ends_with(last)) {
		return false;
	}

	// Each middle piece is taken at its leftmost place after the previous one. With `*` as the
	// only wildcard, the leftmost choice never rules out a match that a later one would allow.
	std::string_view middle = text.substr(first.size(), text.size() - first.size() - last.size());
	for (std::size_t i = 1; i + 1 < pieces_.size(); i++) {
		std::size_t found = middle.find(pieces_[i]);
		if (found == std::string_view::npos) {
			return false;
		}
		middle.remove_prefix(found + pieces_[i].size());
	}
	return true;
}

} // namespace sumoql
