#pragma once

#include "engine/readers/input_stats.hpp"
#include "engine/readers/json_event_decoder.hpp"
#include "engine/readers/json_text_check.hpp"
#include "engine/readers/line_source.hpp"
#include "engine/readers/projection.hpp"
#include "engine/types/data_chunk.hpp"

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sumoql {

//! Reads events from NDJSON (`.jsonl`, `.ndjson`: one JSON object per line) or from a file
//! holding one JSON array of objects, and fills chunks with the projected fields.
//!
//! Each top-level key is a field, and nested objects are reachable by dotted names. Values are
//! decoded as JsonEventDecoder describes. A line that is not a JSON object is reported to
//! `on_bad_input` with its line number, counted, and skipped. Blank lines are skipped silently.
//!
//! When the projection defers keys and its policy agrees, a chunk of a block's events leaves
//! them unread and keeps each event's text for the stage that reads them.
class JsonEventReader {
public:
	JsonEventReader(const std::string &path, Projection &projection, InputStats &stats,
	                BadInputHandler on_bad_input);

	//! Receives the line number and the message of one bad line.
	using BadLineHandler = std::function<void(std::uint64_t line_number, const std::string &message)>;

	//! Reads the NDJSON lines of `block`, which LineSource::ReadBlock or MappedFile::ReadBlock cut
	//! from the input `path`. The block must outlive every chunk the reader fills, because
	//! string values without escapes are views into it.
	JsonEventReader(const std::string &path, const InputBlock &block, Projection &projection, InputStats &stats,
	                BadLineHandler on_bad_line);

	//! Fills `chunk` (already Reset) with up to kVectorSize events. Returns false when the input
	//! had no event left.
	bool ReadChunk(DataChunk &chunk);

	//! Bytes of the input read so far, for progress.
	std::uint64_t bytes_read() const {
		return lines_.bytes_read();
	}

	//! The line number the next line of the input will get.
	std::uint64_t next_line_number() const {
		return lines_.next_line_number();
	}

private:
	bool ReadLines(DataChunk &chunk);
	bool ReadArrayElements(DataChunk &chunk);
	//! Finds the next element of the array text; returns false after the last one.
	bool NextArrayElement(std::size_t &start, std::size_t &end);

	//! Decides whether the chunk about to be read defers keys.
	void StartChunk();
	void FinishChunk(DataChunk &chunk, idx_t rows);
	//! Parses one event into row `row`. On failure returns false and sets `error`.
	bool ReadEvent(std::string_view text, std::size_t capacity, DataChunk &chunk, idx_t row, std::string &error);
	void FinishRow(std::string_view text, DataChunk &chunk, idx_t row);
	void ReportBadEvent(std::uint64_t line_number, const std::string &error);

	LineSource lines_;
	Projection &projection_;
	InputStats &stats_;
	BadLineHandler on_bad_line_;
	//! True when the input bytes outlive the chunks, so values can be views into them. A line
	//! of a streamed input is overwritten by later reads and must be copied.
	bool input_outlives_chunks_ = false;
	JsonEventDecoder decoder_;
	JsonTextCheck whole_event_check_;
	//! True while reading a chunk that leaves the projection's deferred keys unread.
	bool defer_chunk_ = false;

	bool started_ = false;
	bool is_array_ = false;
	std::string_view array_text_;
	std::size_t array_position_ = 0;
	std::uint64_t array_line_ = 1;
};

} // namespace sumoql
