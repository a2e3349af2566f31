#include "engine/expressions/wildcard_pattern.hpp"

#include "engine/types/ascii.hpp"

#include <array>

namespace sumoql {

namespace {

//! Texts up to this length are lowered on the stack; longer ones allocate.
constexpr std::size_t kStackFoldLength = 256;

} // namespace

WildcardPattern::WildcardPattern(std::string_view pattern, Case letter_case) : case_(letter_case) {
	std::size_t start = 0;
	while (true) {
		std::size_t star = pattern.find('*', start);
		std::string_view piece = pattern.substr(start, star == std::string_view::npos ? star : star - start);
		pieces_.push_back(case_ == Case::kIgnoreAscii ? FoldCase(piece) : std::string(piece));
		if (star == std::string_view::npos) {
			break;
		}
		start = star + 1;
	}
}

bool WildcardPattern::Matches(std::string_view text) const {
	if (case_ == Case::kSensitive) {
		return MatchesFolded(text);
	}
	if (text.size() > kStackFoldLength) {
		return MatchesFolded(FoldCase(text));
	}
	std::array<char, kStackFoldLength> folded;
	for (std::size_t i = 0; i < text.size(); i++) {
		folded[i] = LowerAscii(text[i]);
	}
	return MatchesFolded(std::string_view(folded.data(), text.size()));
}

bool WildcardPattern::MatchesFolded(std::string_view text) const {
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
