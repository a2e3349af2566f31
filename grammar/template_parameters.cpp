#include "grammar/template_parameters.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace sumoql {

namespace {

// An angle placeholder longer than this is more likely a comparison than a name.
constexpr std::size_t kMaxAngleNameLength = 64;

bool IsWordCharacter(char character) {
	return std::isalnum(static_cast<unsigned char>(character)) || character == '_';
}

struct Placeholder {
	std::size_t length = 0;
	std::string name;
	//! Text of the same length that parses as a field name or search term.
	std::string stand_in;
};

// Replaces every character that cannot be part of a field name, so that `{{log src}}` becomes
// `__log_src__`.
std::string ToWord(std::string_view text) {
	std::string word(text);
	for (char &character : word) {
		if (!IsWordCharacter(character)) {
			character = '_';
		}
	}
	return word;
}

std::string Trim(std::string_view text) {
	const auto first = text.find_first_not_of(" \t");
	if (first == std::string_view::npos) {
		return {};
	}
	const auto last = text.find_last_not_of(" \t");
	return std::string(text.substr(first, last - first + 1));
}

// `{{name}}` on one line, with optional blanks around the name.
std::optional<Placeholder> MatchBraces(std::string_view text, std::size_t offset) {
	if (text.substr(offset, 2) != "{{") {
		return std::nullopt;
	}
	const std::size_t close = text.find("}}", offset + 2);
	if (close == std::string_view::npos) {
		return std::nullopt;
	}
	const std::string_view inner = text.substr(offset + 2, close - offset - 2);
	const std::string name = Trim(inner);
	if (name.empty() || inner.find_first_of("\n\r{}") != std::string_view::npos) {
		return std::nullopt;
	}
	return Placeholder {close + 2 - offset, name, "__" + ToWord(inner) + "__"};
}

// `$$name`, where the name is letters, digits and `_`.
std::optional<Placeholder> MatchDollars(std::string_view text, std::size_t offset) {
	if (text.substr(offset, 2) != "$$") {
		return std::nullopt;
	}
	std::size_t end = offset + 2;
	while (end < text.size() && IsWordCharacter(text[end])) {
		++end;
	}
	if (end == offset + 2) {
		return std::nullopt;
	}
	const std::string name(text.substr(offset + 2, end - offset - 2));
	return Placeholder {end - offset, name, "__" + name};
}

// `<name>`, where the name starts with a letter and has letters, digits, blanks, `_`, `-`, `.`.
std::optional<Placeholder> MatchAngles(std::string_view text, std::size_t offset) {
	if (text[offset] != '<' || offset + 1 >= text.size() ||
	    !std::isalpha(static_cast<unsigned char>(text[offset + 1]))) {
		return std::nullopt;
	}
	std::size_t end = offset + 1;
	while (end < text.size() && end - offset <= kMaxAngleNameLength &&
	       (IsWordCharacter(text[end]) || text[end] == ' ' || text[end] == '-' || text[end] == '.')) {
		++end;
	}
	if (end >= text.size() || text[end] != '>') {
		return std::nullopt;
	}
	const std::string_view name = text.substr(offset + 1, end - offset - 1);
	return Placeholder {end + 1 - offset, Trim(name), "_" + ToWord(name) + "_"};
}

// A `<` may start a placeholder where it cannot compare: after `=`, `,`, `(` or the word `as`,
// or at the start of a search term in the scope. No expression operand starts with `<`.
bool AnglePlaceholderAllowed(std::string_view text, std::size_t offset, bool in_scope) {
	std::size_t before = offset;
	while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) {
		--before;
	}
	if (before == 0) {
		return in_scope;
	}

	const char previous = text[before - 1];
	if (previous == '=' || previous == ',' || previous == '(') {
		return true;
	}
	const bool after_as = before >= 3 && (text.substr(before - 2, 2) == "as" || text.substr(before - 2, 2) == "AS") &&
	                      !IsWordCharacter(text[before - 3]) && before < offset;
	if (after_as) {
		return true;
	}
	return in_scope && (before < offset || previous == '\n');
}

// `{name}` in single braces at the start of a search term in the scope, where a brace has no
// other meaning.
std::optional<Placeholder> MatchSingleBraces(std::string_view text, std::size_t offset, bool in_scope) {
	const bool term_start = offset == 0 || text[offset - 1] == ' ' || text[offset - 1] == '\t' ||
	                        text[offset - 1] == '\n' || text[offset - 1] == '(';
	if (!in_scope || !term_start || text[offset] != '{' || text.substr(offset, 2) == "{{") {
		return std::nullopt;
	}
	std::size_t end = offset + 1;
	while (end < text.size() && end - offset <= kMaxAngleNameLength && IsWordCharacter(text[end])) {
		++end;
	}
	if (end == offset + 1 || end >= text.size() || text[end] != '}') {
		return std::nullopt;
	}
	const std::string name(text.substr(offset + 1, end - offset - 1));
	return Placeholder {end + 1 - offset, name, "_" + name + "_"};
}

// `[name]` after `=`, a placeholder that documentation examples write for a value. A subquery
// `[subquery: ...]` has a colon, so it never matches.
std::optional<Placeholder> MatchBrackets(std::string_view text, std::size_t offset) {
	if (offset == 0 || text[offset - 1] != '=' || text[offset] != '[') {
		return std::nullopt;
	}
	std::size_t end = offset + 1;
	while (end < text.size() && end - offset <= kMaxAngleNameLength && IsWordCharacter(text[end])) {
		++end;
	}
	if (end == offset + 1 || end >= text.size() || text[end] != ']') {
		return std::nullopt;
	}
	const std::string name(text.substr(offset + 1, end - offset - 1));
	return Placeholder {end + 1 - offset, name, "_" + name + "_"};
}

// True when the placeholder at [offset, offset + length) is alone on its line, apart from blanks
// and a `//` comment. Such a parameter stands for whole query text, such as an optional filter
// stage, so a check reads it as blanks.
bool StandsAloneOnLine(std::string_view text, std::size_t offset, std::size_t length) {
	const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
	const std::size_t begin = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
	if (text.substr(begin, offset - begin).find_first_not_of(" \t") != std::string_view::npos) {
		return false;
	}
	std::size_t end = text.find('\n', offset + length);
	end = end == std::string_view::npos ? text.size() : end;
	const std::string_view rest = text.substr(offset + length, end - offset - length);
	const std::size_t next = rest.find_first_not_of(" \t\r");
	return next == std::string_view::npos || rest.substr(next, 2) == "//";
}

// `//` always starts a comment. `/*` starts one unless it continues a search term, as in
// `_sourceCategory=prod/*`, where the scope grammar reads it as a path and a wildcard.
bool StartsComment(std::string_view text, std::size_t offset) {
	const std::string_view pair = text.substr(offset, 2);
	if (pair == "//") {
		return true;
	}
	if (pair != "/*") {
		return false;
	}
	if (offset == 0) {
		return true;
	}
	const char previous = text[offset - 1];
	return !(IsWordCharacter(previous) || std::string_view("-:.+@#$%^*?\\/=").find(previous) != std::string_view::npos);
}

std::size_t SkipComment(std::string_view text, std::size_t offset) {
	if (text.substr(offset, 2) == "//") {
		const std::size_t newline = text.find('\n', offset);
		return newline == std::string_view::npos ? text.size() : newline;
	}
	const std::size_t close = text.find("*/", offset + 2);
	return close == std::string_view::npos ? text.size() : close + 2;
}

} // namespace

FilledQuery FillTemplateParameters(std::string_view text, const std::map<std::string, std::string> &values) {
	FilledQuery filled;
	bool in_string = false;
	bool in_scope = true;
	int bracket_depth = 0;

	std::size_t offset = 0;
	while (offset < text.size()) {
		const char character = text[offset];

		// Comments are copied unchanged, and so is an escaped character in a string.
		if (!in_string && StartsComment(text, offset)) {
			const std::size_t end = SkipComment(text, offset);
			filled.text.append(text.substr(offset, end - offset));
			offset = end;
			continue;
		}
		if (in_string && character == '\\' && offset + 1 < text.size()) {
			filled.text.append(text.substr(offset, 2));
			offset += 2;
			continue;
		}

		std::optional<Placeholder> placeholder = MatchBraces(text, offset);
		if (!placeholder) {
			placeholder = MatchDollars(text, offset);
		}
		if (!placeholder && !in_string && AnglePlaceholderAllowed(text, offset, in_scope)) {
			placeholder = MatchAngles(text, offset);
		}
		if (!placeholder && !in_string) {
			placeholder = MatchBrackets(text, offset);
		}
		if (!placeholder && !in_string) {
			placeholder = MatchSingleBraces(text, offset, in_scope);
		}

		if (!placeholder) {
			if (character == '"') {
				in_string = !in_string;
			} else if (!in_string && character == '[') {
				++bracket_depth;
			} else if (!in_string && character == ']') {
				bracket_depth = std::max(0, bracket_depth - 1);
			} else if (!in_string && character == '|' && bracket_depth == 0) {
				in_scope = false;
			}
			filled.text += character;
			++offset;
			continue;
		}

		TextReplacement replacement {offset, placeholder->length, filled.text.size(), 0};
		const auto value = values.find(placeholder->name);
		if (value != values.end()) {
			filled.text += value->second;
		} else {
			const bool alone = StandsAloneOnLine(text, offset, placeholder->length);
			filled.text += alone ? std::string(placeholder->length, ' ') : placeholder->stand_in;
			filled.unfilled.push_back({placeholder->name, std::string(text.substr(offset, placeholder->length)),
			                           SpanAtOffset(filled.text, replacement.filled_offset, placeholder->length)});
		}
		replacement.filled_length = filled.text.size() - replacement.filled_offset;
		filled.replacements.push_back(replacement);
		offset += placeholder->length;
	}
	return filled;
}

namespace {

//! Maps an offset of the filled text to the written text. An offset inside a filled value maps
//! to the same place in a placeholder of the same length. Otherwise it maps to the placeholder's
//! start, or to its end when `is_end` is set, because the offset ends a span.
std::size_t OriginalOffset(const std::vector<TextReplacement> &replacements, std::size_t offset, bool is_end) {
	std::ptrdiff_t shift = 0;
	for (const TextReplacement &replacement : replacements) {
		const std::size_t filled_end = replacement.filled_offset + replacement.filled_length;
		if (offset < replacement.filled_offset || (is_end && offset == replacement.filled_offset)) {
			break;
		}
		if (offset < filled_end || (is_end && offset == filled_end)) {
			if (replacement.filled_length == replacement.original_length) {
				return replacement.original_offset + (offset - replacement.filled_offset);
			}
			return is_end ? replacement.original_offset + replacement.original_length : replacement.original_offset;
		}
		shift = static_cast<std::ptrdiff_t>(replacement.original_offset + replacement.original_length) -
		        static_cast<std::ptrdiff_t>(filled_end);
	}
	return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(offset) + shift);
}

} // namespace

SourceSpan FilledQuery::ToOriginal(const SourceSpan &span, std::string_view original) const {
	std::size_t start = std::min(original.size(), OriginalOffset(replacements, span.offset, false));
	std::size_t end = std::min(original.size(), OriginalOffset(replacements, span.offset + span.length, true));
	return SpanAtOffset(original, start, std::max(start, end) - start);
}

} // namespace sumoql
