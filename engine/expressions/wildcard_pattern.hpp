#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! A `matches` pattern such as `"172.16.*"` or `"*\svchost.exe"`: `*` stands for any run of
//! characters, every other character is literal, and the pattern must cover the whole value.
//! Matching is case-sensitive, as Sumo documents for `matches`.
class WildcardPattern {
public:
	explicit WildcardPattern(std::string_view pattern);

	bool Matches(std::string_view text) const;

private:
	//! The literal pieces between the `*`s. With n stars there are n + 1 pieces, some empty.
	std::vector<std::string> pieces_;
};

} // namespace sumoql
