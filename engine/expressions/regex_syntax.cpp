#include "engine/expressions/regex_syntax.hpp"

#include <vector>

namespace sumoql {

std::string TranslateNamedGroups(std::string_view pattern) {
	std::string translated;
	translated.reserve(pattern.size() + 8);

	for (std::size_t i = 0; i < pattern.size(); i++) {
		char c = pattern[i];
		// An escaped character is copied with its backslash, so `\(?<` stays literal text.
		if (c == '\\' && i + 1 < pattern.size()) {
			translated += c;
			translated += pattern[++i];
			continue;
		}
		bool named_group = pattern.substr(i).starts_with("(?<") && i + 3 < pattern.size() &&
		                   pattern[i + 3] != '=' && pattern[i + 3] != '!';
		if (named_group) {
			translated += "(?P<";
			i += 2;
			continue;
		}
		translated += c;
	}
	return translated;
}

bool HasNestedNamedGroups(std::string_view pattern) {
	// One entry per open group: whether it is named.
	std::vector<bool> open_groups;
	int named_open = 0;
	bool in_class = false;
	for (std::size_t i = 0; i < pattern.size(); i++) {
		char c = pattern[i];
		if (c == '\\') {
			i++;
		} else if (in_class) {
			in_class = c != ']';
		} else if (c == '[') {
			in_class = true;
			// A `]` right after `[` or `[^` is a literal member of the class.
			if (i + 1 < pattern.size() && pattern[i + 1] == '^') {
				i++;
			}
			if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
				i++;
			}
		} else if (c == '(') {
			bool named = pattern.substr(i).starts_with("(?<") && i + 3 < pattern.size() && pattern[i + 3] != '=' &&
			             pattern[i + 3] != '!';
			if (named && named_open > 0) {
				return true;
			}
			open_groups.push_back(named);
			named_open += named ? 1 : 0;
		} else if (c == ')' && !open_groups.empty()) {
			named_open -= open_groups.back() ? 1 : 0;
			open_groups.pop_back();
		}
	}
	return false;
}

std::unique_ptr<RE2> CompileSumoRegex(std::string_view pattern) {
	RE2::Options options;
	options.set_log_errors(false);
	std::string translated = TranslateNamedGroups(pattern);
	return std::make_unique<RE2>(translated, options);
}

} // namespace sumoql
