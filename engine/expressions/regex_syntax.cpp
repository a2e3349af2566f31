#include "engine/expressions/regex_syntax.hpp"

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

std::unique_ptr<RE2> CompileSumoRegex(std::string_view pattern) {
	RE2::Options options;
	options.set_log_errors(false);
	std::string translated = TranslateNamedGroups(pattern);
	return std::make_unique<RE2>(translated, options);
}

} // namespace sumoql
