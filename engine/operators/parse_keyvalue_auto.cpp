#include "engine/operators/parse_keyvalue_auto.hpp"

#include "engine/operators/parse_keyvalue.hpp"

#include <algorithm>
#include <cctype>

namespace sumoql {

namespace {

bool StartsKey(std::string_view text, std::size_t position) {
	char c = text[position];
	bool first_character = std::isalpha(static_cast<unsigned char>(c)) || c == '_';
	return first_character && (position == 0 || !IsKeyCharacter(text[position - 1]));
}

//! Returns the end of the key that starts at `start`. A `-` that begins `->` ends the key.
std::size_t FindKeyEnd(std::string_view text, std::size_t start) {
	std::size_t end = start;
	while (end < text.size() && IsKeyCharacter(text[end]) && !text.substr(end).starts_with("->")) {
		end++;
	}
	return end;
}

} // namespace

KeyValueAutoOperator::KeyValueAutoOperator(ParseSettings settings, KeyValueAutoSettings options, AutoFieldSink sink)
    : settings_(settings), options_(std::move(options)), sink_(std::move(sink)), matched_(kVectorSize) {
}

std::size_t KeyValueAutoOperator::SkipSeparator(std::string_view text, std::size_t position) const {
	std::string_view rest = text.substr(position);
	if (options_.delimiter) {
		return rest.starts_with(*options_.delimiter) ? position + options_.delimiter->size() : std::string_view::npos;
	}
	if (rest.starts_with("->")) {
		return position + 2;
	}
	if (rest.starts_with('=') || rest.starts_with(':')) {
		return position + 1;
	}
	return std::string_view::npos;
}

std::size_t KeyValueAutoOperator::ExtractPairs(std::string_view text) {
	fields_.clear();
	const auto &listed_keys = options_.keys.renames;
	std::vector<bool> listed_seen(listed_keys.size(), false);
	std::size_t position = 0;
	while (position < text.size()) {
		if (!StartsKey(text, position)) {
			position++;
			continue;
		}
		std::size_t key_end = FindKeyEnd(text, position);
		std::string_view key = text.substr(position, key_end - position);
		std::size_t value_start = SkipSeparator(text, SkipSpaces(text, key_end));
		if (value_start == std::string_view::npos) {
			position = key_end;
			continue;
		}

		std::string_view value;
		position = ReadInferredValue(text, value_start, value);
		auto name = options_.keys.FieldName(key, KeyValueOperator::DefaultFieldName(key));
		if (!name) {
			continue;
		}
		for (std::size_t i = 0; i < listed_keys.size(); i++) {
			listed_seen[i] = listed_seen[i] || listed_keys[i].first == key;
		}
		fields_.push_back({std::move(*name), value});
	}
	return static_cast<std::size_t>(std::count(listed_seen.begin(), listed_seen.end(), true));
}

void KeyValueAutoOperator::Execute(DataChunk &chunk) {
	sink_.Prepare(chunk);

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		bool matched = false;
		if (ReadParseInput(chunk, settings_.input_slot, row, text)) {
			std::size_t listed_found = ExtractPairs(text);
			sink_.Store(chunk, row, fields_);
			matched = !fields_.empty() && listed_found >= options_.keys.renames.size();
		}
		matched_[i] = matched ? 1 : 0;
	}

	ApplyParseOutcome(chunk, settings_, matched_);
}

} // namespace sumoql
