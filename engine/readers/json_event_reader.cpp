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

std::string_view TrimTrailingSpace(std::string_view text) {
	while (!text.empty() && IsAsciiSpace(text.back())) {
		text.remove_suffix(1);
	}
	return text;
}

} // namespace

JsonEventReader::JsonEventReader(const std::string &path, Projection &projection, InputStats &stats,
                                 BadInputHandler on_bad_input)
    : lines_(path), projection_(projection), stats_(stats) {
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
      input_outlives_chunks_(true), started_(true) {
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

	chunk.SetRowCount(row);
	stats_.events_read += row;
	return row > 0;
}

bool JsonEventReader::ReadArrayElements(DataChunk &chunk) {
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

	chunk.SetRowCount(row);
	stats_.events_read += row;
	return row > 0;
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
	// Anything after the closing brace but white space makes the line invalid.
	if (!code && !document.current_location().error()) {
		code = simdjson::TRAILING_CONTENT;
	}

	if (code) {
		error = code == simdjson::INCORRECT_TYPE ? "expected a JSON object" : simdjson::error_message(code);
		// Undo what the partial read wrote, so the row can take the next event.
		for (auto &column : chunk.columns) {
			column.validity().SetInvalid(row);
		}
		return false;
	}

	FinishRow(text, chunk, row);
	return true;
}

simdjson::error_code JsonEventReader::ReadObject(simdjson::ondemand::object object, const ProjectionNode &node,
                                                 DataChunk &chunk, idx_t row) {
	for (auto field_result : object) {
		simdjson::ondemand::field field;
		if (auto code = std::move(field_result).get(field)) {
			return code;
		}
		std::string_view key;
		if (auto code = ReadKey(field, key)) {
			return code;
		}
		const ProjectionNode *child = node.FindChild(key);
		if (!child) {
			continue;
		}
		if (&node == &projection_.root && child->slot) {
			RecordSpelling(*child->slot, key);
		}
		if (auto code = ReadValue(field.value(), *child, chunk, row)) {
			return code;
		}
	}
	return simdjson::SUCCESS;
}

simdjson::error_code JsonEventReader::ReadValue(simdjson::ondemand::value value, const ProjectionNode &node,
                                                DataChunk &chunk, idx_t row) {
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
		break;
	}
	case simdjson::ondemand::json_type::string: {
		// Most values have no escapes and are used in place; only the others are unescaped.
		std::string_view token = TrimTrailingSpace(value.raw_json_token());
		std::string_view inner = token.size() >= 2 ? token.substr(1, token.size() - 2) : std::string_view();
		if (inner.find('\\') == std::string_view::npos) {
			text = inner;
			break;
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
		break;
	case simdjson::ondemand::json_type::null:
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

simdjson::error_code JsonEventReader::ReadKey(simdjson::ondemand::field &field, std::string_view &key) {
	// The raw key lies in the padded input, and the string scan already found its closing quote.
	// A key without a backslash is used in place, and only the others are unescaped. Keys are short,
	// so one inline scan for either byte beats two library calls.
	const char *start = field.key().raw();
	for (const char *end = start; end < event_end_; end++) {
		if (*end == '"') {
			key = std::string_view(start, static_cast<std::size_t>(end - start));
			return simdjson::SUCCESS;
		}
		if (*end == '\\') {
			break;
		}
	}
	return field.unescaped_key().get(key);
}

simdjson::error_code JsonEventReader::ReadNestedText(std::string_view text, const ProjectionNode &node,
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

void JsonEventReader::RecordSpelling(idx_t slot, std::string_view key) {
	auto &spellings = projection_.event_spellings;
	if (slot < spellings.size() && !spellings[slot].empty()) {
		return;
	}
	if (slot >= spellings.size()) {
		spellings.resize(slot + 1);
	}
	spellings[slot] = key;
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
		int zone_minutes = time_is_utc_ ? 0 : projection_.time_zone_minutes;
		auto time = time_text_.data() ? ParseEventTime(time_text_, projection_.time_format, zone_minutes) : std::nullopt;
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
