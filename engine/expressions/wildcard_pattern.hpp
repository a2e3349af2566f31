#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! A `matches` pattern such as `"172.16.*"` or `"*\svchost.exe"`: `*` stands for any run of
//! characters, every other character is literal, and the pattern must cover the whole value.
//! Matching is case-sensitive, as Sumo documents for `matches`, unless the pattern ignores the
//! case of ASCII letters.
class WildcardPattern {
public:
	enum class Case { kSensitive, kIgnoreAscii };

	explicit WildcardPattern(std::string_view pattern, Case letter_case = Case::kSensitive);

	bool Matches(std::string_view text) const;

private:
	//! Matches `text`, whose letters are already lowered when the case is ignored.
	bool MatchesFolded(std::string_view text) const;

	//! The literal pieces between the `*`s, lowered when the case is ignored. With n stars there
	//! are n + 1 pieces, some empty.
	std::vector<std::string> pieces_;
	Case case_ = Case::kSensitive;
};

} // namespace sumoql
