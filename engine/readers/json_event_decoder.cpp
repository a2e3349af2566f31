#include "engine/readers/json_event_decoder.hpp"

#include "engine/readers/json_string_scan.hpp"

#include "engine/types/ascii.hpp"

#include <cstring>

namespace sumoql {

namespace {

std::string_view TrimTrailingSpace(std::string_view text) {
	while (!text.empty() && IsAsciiSpace(text.back())) {
		text.remove_suffix(1);
	}
	return text;
}

//! The bytes a word-at-a-time scan may read past the end of its range.
constexpr std::ptrdiff_t kScanOverread = 8;

//! Returns the text between the quotes of a string token.
std::string_view StringTokenInner(std::string_view token) {
	token = TrimTrailingSpace(token);
	return token.size() >= 2 ? token.substr(1, token.size() - 2) : std::string_view();
}

} // namespace

JsonEventDecoder::JsonEventDecoder(Projection &projection, bool input_outlives_chunks)
    : projection_(projection), input_outlives_chunks_(input_outlives_chunks) {
}

simdjson::error_code JsonEventDecoder::Decode(std::string_view text, std::size_t capacity, DataChunk &chunk,
                                              idx_t row, DeferredKeys deferred) {
	deferred_ = deferred;
	failed_key_.clear();
	time_text_ = {};
	time_rank_ = 0;
	time_is_utc_ = false;
	event_end_ = text.data() + capacity;

	simdjson::ondemand::document document;
	auto code = parser_.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity)).get(document);
	simdjson::ondemand::object object;
	if (!code) {
		code = document.get_object().get(object);
	}
	if (!code) {
		code = ReadObject(object, projection_.root, chunk, row);
	}
	// Anything after the closing brace but white space makes the event invalid.
	if (!code && !document.current_location().error()) {
		code = simdjson::TRAILING_CONTENT;
	}
	return code;
}

simdjson::error_code JsonEventDecoder::ReadObject(simdjson::ondemand::object object, const ProjectionNode &node,
                                                  DataChunk &chunk, idx_t row) {
	const bool top_level = &node == &projection_.root;
	std::size_t ordinal = 0;
	for (auto field_result : object) {
		simdjson::ondemand::field field;
		if (auto code = std::move(field_result).get(field)) {
			return code;
		}
		std::string_view key;
		if (auto code = ReadKey(field, key)) {
			return code;
		}
		const ProjectionNode *child = top_level ? FindTopLevelChild(key, ordinal++) : node.FindChild(key);
		if (!child) {
			continue;
		}

		// Deferred keys are top-level leaves, so a deferred read needs no nested object.
		if (deferred_ == DeferredKeys::kReadOnly) {
			if (child->deferred) {
				if (auto code = ReadValue(field.value(), *child, chunk, row)) {
					NoteFailedKey(key);
					return code;
				}
			}
			continue;
		}
		if (top_level && child->slot) {
			RecordSpelling(*child->slot, key);
		}
		// A deferred key is checked as a read would check it, and not stored.
		bool store = !child->deferred || deferred_ != DeferredKeys::kCheck;
		if (auto code = ReadValue(field.value(), *child, chunk, row, store)) {
			NoteFailedKey(key);
			return code;
		}
	}
	return simdjson::SUCCESS;
}

simdjson::error_code JsonEventDecoder::ReadValue(simdjson::ondemand::value value, const ProjectionNode &node,
                                                 DataChunk &chunk, idx_t row, bool store) {
	simdjson::ondemand::json_type type;
	if (auto code = value.type().get(type)) {
		return code;
	}

	std::string_view text;
	// Text that lies in the input is copied only when the input does not outlive the chunk.
	bool copy_text = !input_outlives_chunks_;
	switch (type) {
	case simdjson::ondemand::json_type::object: {
		simdjson::ondemand::object object;
		if (auto code = value.get_object().get(object)) {
			return code;
		}
		if (!node.slot) {
			return ReadObject(object, node, chunk, row);
		}
		if (auto code = object.raw_json().get(text)) {
			return code;
		}
		text = TrimTrailingSpace(text);
		if (auto code = CheckContainerText(text)) {
			return code;
		}
		// A key the query reads both whole and through dotted children: the object was consumed
		// for its text, so the children are read from that text with a parser of their own.
		if (node.has_children()) {
			if (auto code = ReadNestedText(text, node, chunk, row)) {
				return code;
			}
		}
		break;
	}
	case simdjson::ondemand::json_type::array: {
		simdjson::ondemand::array array;
		if (auto code = value.get_array().get(array)) {
			return code;
		}
		if (auto code = array.raw_json().get(text)) {
			return code;
		}
		text = TrimTrailingSpace(text);
		if (auto code = CheckContainerText(text)) {
			return code;
		}
		break;
	}
	case simdjson::ondemand::json_type::string: {
		// Most values have no escapes and are used in place; only the others are unescaped.
		std::string_view inner = StringTokenInner(value.raw_json_token());
		std::size_t first_escape = inner.find('\\');
		if (first_escape == std::string_view::npos) {
			text = inner;
			break;
		}
		if (!store) {
			return CheckEscapes(value, inner.substr(first_escape));
		}
		// The unescaped text lies in the parser's buffer, which the next event overwrites.
		if (auto code = value.get_string().get(text)) {
			return code;
		}
		copy_text = true;
		break;
	}
	case simdjson::ondemand::json_type::number:
	case simdjson::ondemand::json_type::boolean:
		text = TrimTrailingSpace(value.raw_json_token());
		if (auto code = CheckJsonScalar(type, text)) {
			return code;
		}
		break;
	case simdjson::ondemand::json_type::null:
		return CheckJsonScalar(type, TrimTrailingSpace(value.raw_json_token()));
	}
	if (!store) {
		return simdjson::SUCCESS;
	}

	if (node.time_rank && (time_text_.data() == nullptr || *node.time_rank < time_rank_)) {
		time_text_ = text;
		time_rank_ = *node.time_rank;
		time_is_utc_ = node.time_is_utc;
	}
	if (node.slot) {
		Vector &column = chunk.columns[*node.slot];
		column.SetType(LogicalType::kString);
		column.strings()[row] = copy_text ? chunk.heap.AddString(text) : text;
		column.validity().SetValid(row);
	}
	return simdjson::SUCCESS;
}

simdjson::error_code JsonEventDecoder::CheckEscapes(simdjson::ondemand::value &value, std::string_view inner) {
	switch (CheckSimpleEscapes(inner)) {
	case EscapeCheck::kValid:
		return simdjson::SUCCESS;
	case EscapeCheck::kInvalid:
		return simdjson::STRING_ERROR;
	case EscapeCheck::kUnicodeEscape:
		break;
	}
	// simdjson's unescaping applies the code point and surrogate pair rules that a read applies.
	// The text it writes into the parser's buffer is dropped.
	std::string_view text;
	return value.get_string().get(text);
}

simdjson::error_code JsonEventDecoder::CheckContainerText(std::string_view text) {
	return container_check_.Check(text, static_cast<std::size_t>(event_end_ - text.data()));
}

simdjson::error_code JsonEventDecoder::ReadKey(simdjson::ondemand::field &field, std::string_view &key) {
	// The raw key lies in the padded input, and the string scan already found its closing quote.
	// A key without a backslash is used in place, and only the others are unescaped. Keys are short,
	// so one word-at-a-time scan for either byte beats two library calls.
	const char *start = field.key().raw();
	const char *end = FindEitherByte(start, event_end_ - kScanOverread, '"', '\\');
	if (end < event_end_ - kScanOverread && *end == '"') {
		key = std::string_view(start, static_cast<std::size_t>(end - start));
		return simdjson::SUCCESS;
	}
	return field.unescaped_key().get(key);
}

simdjson::error_code JsonEventDecoder::ReadNestedText(std::string_view text, const ProjectionNode &node,
                                                      DataChunk &chunk, idx_t row) {
	if (nested_depth_ >= nested_parsers_.size()) {
		nested_parsers_.push_back(std::make_unique<simdjson::ondemand::parser>());
	}
	simdjson::ondemand::parser &parser = *nested_parsers_[nested_depth_];
	std::size_t capacity = static_cast<std::size_t>(event_end_ - text.data());

	nested_depth_++;
	simdjson::ondemand::document document;
	simdjson::ondemand::object object;
	auto code = parser.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity)).get(document);
	if (!code) {
		code = document.get_object().get(object);
	}
	if (!code) {
		code = ReadObject(object, node, chunk, row);
	}
	nested_depth_--;
	return code;
}

const ProjectionNode *JsonEventDecoder::FindTopLevelChild(std::string_view key, std::size_t ordinal) {
	if (ordinal >= kCachedKeyCount || key.size() > KeyCacheEntry::kMaxLength) {
		return projection_.root.FindChild(key);
	}
	KeyCacheEntry &entry = key_cache_[ordinal];
	if (entry.length == key.size() && std::memcmp(entry.spelling.data(), key.data(), key.size()) == 0) {
		return entry.child;
	}
	entry.child = projection_.root.FindChild(key);
	entry.length = key.size();
	std::memcpy(entry.spelling.data(), key.data(), key.size());
	return entry.child;
}

void JsonEventDecoder::NoteFailedKey(std::string_view key) {
	// The innermost key notes itself first, and each enclosing object adds its key in front.
	failed_key_ = failed_key_.empty() ? std::string(key) : std::string(key) + "." + failed_key_;
}

void JsonEventDecoder::RecordSpelling(idx_t slot, std::string_view key) {
	auto &spellings = projection_.event_spellings;
	if (slot < spellings.size() && !spellings[slot].empty()) {
		return;
	}
	if (slot >= spellings.size()) {
		spellings.resize(slot + 1);
	}
	spellings[slot] = key;
}

} // namespace sumoql
