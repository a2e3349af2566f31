#include "engine/operators/parse_keyvalue.hpp"

#include "engine/types/ascii.hpp"

#include <cctype>

namespace sumoql {

namespace {

bool IsValueEnd(char c) {
	return IsAsciiSpace(c) || c == ',' || c == ';' || c == '&' || c == ')' || c == ']' || c == '}';
}

} // namespace

bool IsKeyCharacter(char c) {
	return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

std::size_t SkipSpaces(std::string_view text, std::size_t position) {
	while (position < text.size() && (text[position] == ' ' || text[position] == '\t')) {
		position++;
	}
	return position;
}

std::size_t ReadInferredValue(std::string_view text, std::size_t start, std::string_view &value) {
	start = SkipSpaces(text, start);
	if (start < text.size() && (text[start] == '"' || text[start] == '\'')) {
		std::size_t close = text.find(text[start], start + 1);
		if (close != std::string_view::npos) {
			value = text.substr(start + 1, close - start - 1);
			return close + 1;
		}
	}
	std::size_t end = start;
	while (end < text.size() && !IsValueEnd(text[end])) {
		end++;
	}
	value = text.substr(start, end - start);
	return end;
}

namespace {

//! Returns the position after the separator `=`, `:` or `->` at `position`, or npos.
std::size_t SkipSeparator(std::string_view text, std::size_t position) {
	if (position < text.size() && (text[position] == '=' || text[position] == ':')) {
		return position + 1;
	}
	if (text.substr(position).starts_with("->")) {
		return position + 2;
	}
	return std::string_view::npos;
}

//! Finds the first occurrence of `key` that is a whole name, not part of a longer one.
std::size_t FindKey(std::string_view text, std::string_view key, std::size_t from = 0) {
	for (std::size_t at = text.find(key, from); at != std::string_view::npos; at = text.find(key, at + 1)) {
		bool starts_name = at == 0 || !IsKeyCharacter(text[at - 1]);
		std::size_t end = at + key.size();
		bool ends_name = end == text.size() || !IsKeyCharacter(text[end]);
		if (starts_name && ends_name) {
			return at;
		}
	}
	return std::string_view::npos;
}

} // namespace

KeyValueOperator::KeyValueOperator(ParseSettings settings, std::unique_ptr<RE2> regex, std::vector<Target> targets)
    : settings_(settings), regex_(std::move(regex)), targets_(std::move(targets)), matched_(kVectorSize) {
}

std::string KeyValueOperator::DefaultFieldName(std::string_view key) {
	std::string name(key);
	for (char &c : name) {
		if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
			c = '_';
		}
	}
	return name;
}

bool KeyValueOperator::InferValue(std::string_view text, std::string_view key, std::string_view &value) const {
	for (std::size_t at = FindKey(text, key); at != std::string_view::npos; at = FindKey(text, key, at + 1)) {
		std::size_t start = SkipSeparator(text, SkipSpaces(text, at + key.size()));
		if (start == std::string_view::npos) {
			continue;
		}
		ReadInferredValue(text, start, value);
		return true;
	}
	return false;
}

bool KeyValueOperator::RegexValue(std::string_view text, std::string_view key, std::string_view &value) const {
	re2::StringPiece input(text.data(), text.size());
	re2::StringPiece groups[3];

	if (regex_->NumberOfCapturingGroups() == 1) {
		std::size_t at = FindKey(text, key);
		if (at == std::string_view::npos ||
		    !regex_->Match(input, at + key.size(), input.size(), RE2::UNANCHORED, groups, 2)) {
			return false;
		}
		value = std::string_view(groups[1].data(), groups[1].size());
		return groups[1].data() != nullptr;
	}

	std::size_t position = 0;
	while (position <= input.size() && regex_->Match(input, position, input.size(), RE2::UNANCHORED, groups, 3)) {
		if (groups[1].data() != nullptr && std::string_view(groups[1].data(), groups[1].size()) == key &&
		    groups[2].data() != nullptr) {
			value = std::string_view(groups[2].data(), groups[2].size());
			return true;
		}
		std::size_t match_end = static_cast<std::size_t>(groups[0].data() - input.data()) + groups[0].size();
		position = groups[0].empty() ? match_end + 1 : match_end;
	}
	return false;
}

void KeyValueOperator::Execute(DataChunk &chunk) {
	for (const auto &target : targets_) {
		PrepareStringSlot(chunk, target.slot);
	}

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		bool has_input = ReadParseInput(chunk, settings_.input_slot, row, text);

		bool all_found = has_input;
		for (const auto &target : targets_) {
			if (!has_input) {
				break;
			}
			std::string_view value;
			bool found = regex_ ? RegexValue(text, target.key, value) : InferValue(text, target.key, value);
			if (found) {
				Vector &column = chunk.columns[target.slot];
				column.strings()[row] = value;
				column.validity().SetValid(row);
			}
			all_found = found && all_found;
		}
		matched_[i] = all_found ? 1 : 0;
	}

	ApplyParseOutcome(chunk, settings_, matched_);
}

} // namespace sumoql
