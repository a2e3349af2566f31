#pragma once

#include "engine/readers/json_text_check.hpp"
#include "engine/readers/projection.hpp"
#include "engine/types/data_chunk.hpp"

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! The treatment of the projection's deferred keys (ProjectionNode::deferred) in one decode.
enum class DeferredKeys {
	//! Reads them like every other key.
	kRead,
	//! Checks their values as a read would, so that an event is invalid exactly when a read
	//! fails, but fills no slot.
	kCheck,
	//! Reads only them, into the row of an event that an earlier decode checked.
	kReadOnly,
};

//! Decodes one JSON event into a chunk row. It walks the event's keys against a projection and
//! fills the slots of the keys that the query reads; every other key is skipped unparsed.
//!
//! A JSON string becomes its text, and a number, `true` or `false` keeps its JSON text, so
//! `{"EventID": 3}` gives "3". An object or array keeps its JSON text, and JSON null leaves the
//! slot as it was, so a later duplicate key with a value wins. A string without escapes is a view
//! into the event when the input outlives the chunk, and is copied into the chunk's heap
//! otherwise.
class JsonEventDecoder {
public:
	JsonEventDecoder(Projection &projection, bool input_outlives_chunks);

	//! Parses `text`, which has `capacity` readable bytes from its start (simdjson reads past the
	//! end), and fills row `row` of `chunk`. Returns the first error; the row may then be partly
	//! filled.
	simdjson::error_code Decode(std::string_view text, std::size_t capacity, DataChunk &chunk, idx_t row,
	                            DeferredKeys deferred);

	//! The text of the best event-time key of the last decode, or a null view when it had none.
	std::string_view time_text() const {
		return time_text_;
	}

	//! True when that key is UTC by definition.
	bool time_is_utc() const {
		return time_is_utc_;
	}

	//! The dotted path of the key whose value made the last decode fail, or "" when the failure
	//! was not in a value.
	const std::string &failed_key() const {
		return failed_key_;
	}

private:
	simdjson::error_code ReadObject(simdjson::ondemand::object object, const ProjectionNode &node,
	                                DataChunk &chunk, idx_t row);
	//! Reads `value` into the node's slot. With `store` unset, it checks the value as a read
	//! would and stores nothing, for a deferred key.
	simdjson::error_code ReadValue(simdjson::ondemand::value value, const ProjectionNode &node, DataChunk &chunk,
	                               idx_t row, bool store = true);
	//! Checks the escapes in `inner`, the part of a string's text from its first backslash on,
	//! without storing the string.
	simdjson::error_code CheckEscapes(simdjson::ondemand::value &value, std::string_view inner);
	//! Checks the text of an object or array value that the query reads whole.
	simdjson::error_code CheckContainerText(std::string_view text);
	//! Reads the key of `field`, unescaping it only when it has escapes.
	simdjson::error_code ReadKey(simdjson::ondemand::field &field, std::string_view &key);
	simdjson::error_code ReadNestedText(std::string_view text, const ProjectionNode &node, DataChunk &chunk,
	                                    idx_t row);
	void RecordSpelling(idx_t slot, std::string_view key);
	void NoteFailedKey(std::string_view key);
	//! Returns the root's child for the top-level key at position `ordinal` in its event.
	const ProjectionNode *FindTopLevelChild(std::string_view key, std::size_t ordinal);

	Projection &projection_;
	//! True when the input bytes outlive the chunks, so values can be views into them.
	bool input_outlives_chunks_ = false;
	DeferredKeys deferred_ = DeferredKeys::kRead;
	simdjson::ondemand::parser parser_;
	//! Parsers for objects read both whole and through their children, one per nesting level.
	std::vector<std::unique_ptr<simdjson::ondemand::parser>> nested_parsers_;
	std::size_t nested_depth_ = 0;
	//! End of the readable memory after the event being read, for simdjson's padding.
	const char *event_end_ = nullptr;

	std::string_view time_text_;
	int time_rank_ = 0;
	bool time_is_utc_ = false;
	std::string failed_key_;
	JsonTextCheck container_check_;

	//! The last key seen at one position of an event's top level, and the projection's child for
	//! it. Events of one source mostly list the same keys in the same order, so comparing a key
	//! with the one at its position in the previous event usually replaces the hashed lookup.
	struct KeyCacheEntry {
		static constexpr std::size_t kMaxLength = 40;
		std::array<char, kMaxLength> spelling {};
		std::size_t length = kMaxLength + 1;
		const ProjectionNode *child = nullptr;
	};
	static constexpr std::size_t kCachedKeyCount = 64;
	std::array<KeyCacheEntry, kCachedKeyCount> key_cache_;
};

} // namespace sumoql
