// replace(text, search, replacement): `text` with every occurrence of `search` replaced.
// `search` is literal text, or a `/regex/` (RE2, with Sumo's `(?<name>...)` groups). Matching is
// case-sensitive, and with no match the text is returned unchanged. A null argument gives null.
//
// With a regex, the replacement follows Java's Matcher.replaceAll: `$0` is the whole match, `$1`
// a numbered group, `${name}` a named group, and a backslash makes the next character literal, so
// `\$` is a dollar sign. replace("flight/123456", /(flight)\/([0-9]{5,})/, "$2-$1") is
// "123456-flight". With literal search text the replacement is literal too.

#include "engine/expressions/regex_syntax.hpp"
#include "engine/functions/row_executor.hpp"

#include <fmt/format.h>

#include <array>
#include <variant>
#include <vector>

namespace sumoql {

namespace {

//! A regex replacement cut into literal text and group references.
using ReplacementPart = std::variant<std::string, int>;

struct ReplaceData : FunctionData {
	std::unique_ptr<RE2> regex;
	//! The replacement parsed once, when it is a literal.
	std::optional<std::vector<ReplacementPart>> replacement;
};

//! Parses a Java replacement string against `regex`'s groups. Returns an error message for a
//! `$` reference to a group that does not exist, or an empty string on success.
std::string ParseReplacement(std::string_view text, const RE2 &regex, std::vector<ReplacementPart> &parts) {
	parts.clear();
	std::string literal;
	auto flush = [&]() {
		if (!literal.empty()) {
			parts.emplace_back(literal);
			literal.clear();
		}
	};

	for (std::size_t i = 0; i < text.size(); i++) {
		char c = text[i];
		if (c == '\\' && i + 1 < text.size()) {
			literal += text[++i];
			continue;
		}
		if (c != '$') {
			literal += c;
			continue;
		}
		if (i + 1 >= text.size()) {
			return "a '$' at the end of the replacement names no group";
		}

		if (text[i + 1] == '{') {
			std::size_t close = text.find('}', i + 2);
			if (close == std::string_view::npos) {
				return "a '${' in the replacement has no closing '}'";
			}
			std::string name(text.substr(i + 2, close - i - 2));
			auto found = regex.NamedCapturingGroups().find(name);
			if (found == regex.NamedCapturingGroups().end()) {
				return fmt::format("the regex has no group named '{}'", name);
			}
			flush();
			parts.emplace_back(found->second);
			i = close;
			continue;
		}

		if (!std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
			return fmt::format("'${}' in the replacement is not a group reference", text[i + 1]);
		}
		// As in Java, further digits extend the group number while such a group exists.
		int group = text[++i] - '0';
		while (i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
		       group * 10 + (text[i + 1] - '0') <= regex.NumberOfCapturingGroups()) {
			group = group * 10 + (text[++i] - '0');
		}
		if (group > regex.NumberOfCapturingGroups()) {
			return fmt::format("the regex has no group {}", group);
		}
		flush();
		parts.emplace_back(group);
	}
	flush();
	return {};
}

void AppendReplacement(const std::vector<ReplacementPart> &parts, std::span<const re2::StringPiece> groups,
                       std::string &out) {
	for (const auto &part : parts) {
		if (const auto *literal = std::get_if<std::string>(&part)) {
			out += *literal;
		} else {
			const re2::StringPiece &group = groups[std::get<int>(part)];
			out.append(group.data(), group.size());
		}
	}
}

//! Replaces every match of `regex`. An empty match inserts the replacement and moves one byte on,
//! as Java does ("abc" with /x*/ and "-" gives "-a-b-c-").
void ReplaceRegex(std::string_view text, const RE2 &regex, const std::vector<ReplacementPart> &parts,
                  std::string &out) {
	std::vector<re2::StringPiece> groups(regex.NumberOfCapturingGroups() + 1);
	re2::StringPiece input(text.data(), text.size());
	std::size_t position = 0;
	while (position <= text.size() &&
	       regex.Match(input, position, text.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
		std::size_t begin = static_cast<std::size_t>(groups[0].data() - text.data());
		std::size_t end = begin + groups[0].size();
		out.append(text.substr(position, begin - position));
		AppendReplacement(parts, groups, out);
		if (end == begin) {
			if (begin < text.size()) {
				out += text[begin];
			}
			position = begin + 1;
		} else {
			position = end;
		}
	}
	if (position < text.size()) {
		out.append(text.substr(position));
	}
}

//! Replaces every occurrence of `search`. Empty search text matches before each character and at
//! the end, as Java's String.replace does.
void ReplaceLiteral(std::string_view text, std::string_view search, std::string_view replacement, std::string &out) {
	if (search.empty()) {
		for (char c : text) {
			out.append(replacement);
			out += c;
		}
		out.append(replacement);
		return;
	}
	std::size_t position = 0;
	for (std::size_t found = text.find(search); found != std::string_view::npos; found = text.find(search, position)) {
		out.append(text.substr(position, found - position));
		out.append(replacement);
		position = found + search.size();
	}
	out.append(text.substr(position));
}

void Replace(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
             Vector &result, FunctionContext &context) {
	const auto *data = static_cast<const ReplaceData *>(context.data);
	std::string replaced;
	std::vector<ReplacementPart> row_parts;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::string_view text = ValueAsText(*arguments[0], row, context.chunk);
		std::string_view replacement = ValueAsText(*arguments[2], row, context.chunk);
		replaced.clear();
		if (!data || !data->regex) {
			ReplaceLiteral(text, ValueAsText(*arguments[1], row, context.chunk), replacement, replaced);
		} else if (data->replacement) {
			ReplaceRegex(text, *data->regex, *data->replacement, replaced);
		} else if (ParseReplacement(replacement, *data->regex, row_parts).empty()) {
			ReplaceRegex(text, *data->regex, row_parts, replaced);
		} else {
			context.stats.invalid_arguments++;
			return false;
		}
		result.strings()[row] = context.chunk.heap.AddString(replaced);
		return true;
	});
}

std::unique_ptr<FunctionData> BindReplace(const FunctionBindInput &input) {
	if (!input.regexes[1]) {
		return nullptr;
	}
	auto data = std::make_unique<ReplaceData>();
	data->regex = CompileSumoRegex(*input.regexes[1]);
	if (!data->regex->ok()) {
		throw FunctionBindError(1, fmt::format("invalid regular expression /{}/: {}", *input.regexes[1],
		                                       data->regex->error()),
		                        "replace takes an RE2 regular expression between slashes");
	}
	if (input.constants[2]) {
		std::vector<ReplacementPart> parts;
		std::string error = ParseReplacement(*input.constants[2], *data->regex, parts);
		if (!error.empty()) {
			throw FunctionBindError(2, "invalid replacement: " + error,
			                        "refer to groups as $1 or ${name}, and write \\\\$ for a literal '$'");
		}
		data->replacement = std::move(parts);
	}
	return data;
}

constexpr std::array kFunctions = {
    ScalarFunction {"replace", 3, 3, Replace, BindReplace},
};

} // namespace

std::span<const ScalarFunction> ReplaceFunctions() {
	return kFunctions;
}

} // namespace sumoql
