#include "engine/readers/json_event_reader.hpp"

#include "engine/readers/json_array.hpp"

#include "engine/readers/timestamp.hpp"
#include "engine/types/ascii.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>

namespace sumoql {

namespace {

//! Returns what is wrong with an event that failed with `code`.
std::string_view ErrorText(simdjson::error_code code) {
	switch (code) {
	case simdjson::INCORRECT_TYPE:
		return "expected a JSON object";
	case simdjson::STRING_ERROR:
		return "invalid escape in a string";
	case simdjson::NUMBER_ERROR:
		return "invalid number";
	case simdjson::T_ATOM_ERROR:
	case simdjson::F_ATOM_ERROR:
	case simdjson::N_ATOM_ERROR:
		return "invalid literal, where true, false or null belongs";
	// simdjson distinguishes these by where its scan stopped, which is not always where the
	// mistake is, so they share one message.
	case simdjson::TAPE_ERROR:
	case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
	case simdjson::TRAILING_CONTENT:
		return "invalid JSON structure: a missing or extra comma, colon, quote, brace or bracket, or text after "
		       "the object";
	case simdjson::UNESCAPED_CHARS:
		return "a control character in a string is not escaped";
	case simdjson::UTF8_ERROR:
		return "invalid UTF-8";
	case simdjson::DEPTH_ERROR:
		return "objects or arrays nested too deeply";
	default:
		return simdjson::error_message(code);
	}
}

//! Returns the message for an event that failed with `code` in the value of `key`, if any.
std::string DescribeError(simdjson::error_code code, const std::string &key) {
	std::string_view text = ErrorText(code);
	return key.empty() ? std::string(text) : fmt::format("{}, in the value of key {}", text, key);
}

} // namespace

JsonEventReader::JsonEventReader(const std::string &path, Projection &projection, InputStats &stats,
                                 BadInputHandler on_bad_input)
    : lines_(path), projection_(projection), stats_(stats), decoder_(projection, false) {
	if (on_bad_input) {
		on_bad_line_ = [this, on_bad_input = std::move(on_bad_input)](std::uint64_t line_number,
		                                                             const std::string &message) {
			on_bad_input(fmt::format("{}:{}", lines_.path(), line_number), message);
		};
	}
}

JsonEventReader::JsonEventReader(const std::string &path, const InputBlock &block, Projection &projection,
                                 InputStats &stats, BadLineHandler on_bad_line)
    : lines_(path, block), projection_(projection), stats_(stats), on_bad_line_(std::move(on_bad_line)),
      input_outlives_chunks_(true), decoder_(projection, true), started_(true) {
}

bool JsonEventReader::ReadChunk(DataChunk &chunk) {
	if (!started_) {
		started_ = true;
		is_array_ = lines_.PeekFirstByte() == '[';
		if (is_array_) {
			array_text_ = lines_.ReadRemaining();
		}
	}
	return is_array_ ? ReadArrayElements(chunk) : ReadLines(chunk);
}

bool JsonEventReader::ReadLines(DataChunk &chunk) {
	StartChunk();
	idx_t row = 0;
	std::string_view line;
	std::uint64_t line_number = 0;
	std::string error;

	while (row < kVectorSize && lines_.NextLine(line, line_number)) {
		if (TrimAsciiSpace(line).empty()) {
			continue;
		}
		if (!ReadEvent(line, lines_.CapacityAfter(line), chunk, row, error)) {
			ReportBadEvent(line_number, error);
			continue;
		}
		row++;
	}

	FinishChunk(chunk, row);
	return row > 0;
}

bool JsonEventReader::ReadArrayElements(DataChunk &chunk) {
	StartChunk();
	idx_t row = 0;
	std::string error;

	// The array is split into elements by a scan that tracks nesting and skips strings, so a bad
	// element, such as a number where an event object belongs, is reported on its own line and
	// the elements after it are still read.
	while (row < kVectorSize) {
		std::size_t start = 0;
		std::size_t end = 0;
		if (!NextArrayElement(start, end)) {
			break;
		}
		std::string_view element = array_text_.substr(start, end - start);
		std::uint64_t element_line = array_line_;
		array_line_ += static_cast<std::uint64_t>(std::count(element.begin(), element.end(), '\n'));

		std::size_t capacity = array_text_.size() + LineSource::kPadding - start;
		if (!ReadEvent(element, capacity, chunk, row, error)) {
			ReportBadEvent(element_line, error);
			continue;
		}
		row++;
	}

	FinishChunk(chunk, row);
	return row > 0;
}

void JsonEventReader::StartChunk() {
	// Deferred keys are read later from the event text, so the text must outlive the chunk.
	defer_chunk_ = input_outlives_chunks_ && projection_.deferral && projection_.deferral->ShouldDefer();
}

void JsonEventReader::FinishChunk(DataChunk &chunk, idx_t rows) {
	chunk.SetRowCount(rows);
	stats_.events_read += rows;
	if (projection_.deferral) {
		projection_.deferral->CountRead(rows);
	}
}

bool JsonEventReader::NextArrayElement(std::size_t &start, std::size_t &end) {
	auto skip_space = [&](std::size_t position) {
		while (position < array_text_.size() && IsAsciiSpace(array_text_[position])) {
			array_line_ += array_text_[position] == '\n' ? 1 : 0;
			position++;
		}
		return position;
	};

	// Skip the opening '[' or the ',' that ends the previous element.
	std::size_t position = skip_space(array_position_);
	if (position < array_text_.size() && (array_text_[position] == '[' || array_text_[position] == ',')) {
		position = skip_space(position + 1);
	}
	if (position >= array_text_.size() || array_text_[position] == ']') {
		array_position_ = array_text_.size();
		return false;
	}

	start = position;
	position = FindArrayElementEnd(array_text_, start);

	end = std::min(position, array_text_.size());
	while (end > start && IsAsciiSpace(array_text_[end - 1])) {
		end--;
	}
	// The next call starts at `end`, so it counts the line breaks after the element.
	array_position_ = end;
	return true;
}

bool JsonEventReader::ReadEvent(std::string_view text, std::size_t capacity, DataChunk &chunk, idx_t row,
                                std::string &error) {
	DeferredKeys deferred = defer_chunk_ ? DeferredKeys::kCheck : DeferredKeys::kRead;
	auto code = decoder_.Decode(text, capacity, chunk, row, deferred);
	// Output that shows every key of the event parses all of them, so all must be valid.
	if (!code && projection_.event_text_slot) {
		code = whole_event_check_.Check(text, capacity);
	}
	if (code) {
		error = DescribeError(code, decoder_.failed_key());
		// Undo what the partial read wrote, so the row can take the next event.
		for (auto &column : chunk.columns) {
			column.validity().SetInvalid(row);
		}
		return false;
	}

	FinishRow(text, chunk, row);
	return true;
}

void JsonEventReader::FinishRow(std::string_view text, DataChunk &chunk, idx_t row) {
	auto is_null = [&](idx_t slot) {
		const Vector &column = chunk.columns[slot];
		return column.type() == LogicalType::kNull || !column.validity().RowIsValid(row);
	};
	auto set_text = [&](idx_t slot, std::string_view value) {
		Vector &column = chunk.columns[slot];
		// A slot that no event of this chunk filled yet is still all null, so it becomes a string
		// column with every other row null.
		if (column.type() != LogicalType::kString) {
			column.SetType(LogicalType::kString);
			column.validity().SetAllInvalid();
		}
		column.strings()[row] = value;
		column.validity().SetValid(row);
	};

	// The event text is copied into the heap once, and only when a slot needs it and the input
	// does not outlive the chunk.
	std::string_view stored_text;
	auto event_text = [&]() {
		if (stored_text.empty()) {
			stored_text = input_outlives_chunks_ ? text : chunk.heap.AddString(text);
		}
		return stored_text;
	};
	if (projection_.raw_slot && is_null(*projection_.raw_slot)) {
		set_text(*projection_.raw_slot, event_text());
	}
	if (projection_.event_text_slot) {
		set_text(*projection_.event_text_slot, event_text());
	}
	if (defer_chunk_) {
		set_text(*projection_.pending_event_slot, text);
	}
	for (const auto &[slot, value] : projection_.defaults) {
		if (is_null(slot)) {
			set_text(slot, value);
		}
	}

	if (projection_.message_time_slot) {
		Vector &column = chunk.columns[*projection_.message_time_slot];
		if (column.type() != LogicalType::kNumber) {
			column.SetType(LogicalType::kNumber);
			column.validity().SetAllInvalid();
		}
		std::string_view time_text = decoder_.time_text();
		int zone_minutes = decoder_.time_is_utc() ? 0 : projection_.time_zone_minutes;
		auto time = time_text.data() ? ParseEventTime(time_text, projection_.time_format, zone_minutes) : std::nullopt;
		column.numbers()[row] = time ? static_cast<double>(*time) : 0;
		column.validity().Set(row, time.has_value());
		stats_.events_without_time += time ? 0 : 1;
	}
}

void JsonEventReader::ReportBadEvent(std::uint64_t line_number, const std::string &error) {
	stats_.bad_lines++;
	if (on_bad_line_) {
		on_bad_line_(line_number, error);
	}
}

} // namespace sumoql
