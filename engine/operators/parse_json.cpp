#include "engine/operators/parse_json.hpp"

#include "engine/types/ascii.hpp"

#include <cstring>
#include <span>

namespace sumoql {

namespace {

namespace ondemand = simdjson::ondemand;

std::string_view TrimTrailingSpace(std::string_view text) {
	while (!text.empty() && IsAsciiSpace(text.back())) {
		text.remove_suffix(1);
	}
	return text;
}

//! Calls `on_match` with each value that `steps` reach from `current`. A key, index or type that
//! is not there means no match. Only invalid JSON returns an error.
template <typename OnMatch>
simdjson::error_code Walk(ondemand::value current, std::span<const JsonPathStep> steps, OnMatch &on_match) {
	if (steps.empty()) {
		return on_match(current);
	}
	const JsonPathStep &step = steps.front();
	const auto rest = steps.subspan(1);

	if (step.kind == JsonPathStep::Kind::kKey) {
		ondemand::object object;
		if (current.get_object().get(object)) {
			return simdjson::SUCCESS;
		}
		ondemand::value child;
		auto code = object.find_field_unordered(step.key).get(child);
		if (code == simdjson::NO_SUCH_FIELD) {
			return simdjson::SUCCESS;
		}
		return code ? code : Walk(child, rest, on_match);
	}

	ondemand::array array;
	if (current.get_array().get(array)) {
		return simdjson::SUCCESS;
	}
	std::size_t index = 0;
	for (auto element_result : array) {
		ondemand::value element;
		if (auto code = element_result.get(element)) {
			return code;
		}
		if (step.kind == JsonPathStep::Kind::kWildcard) {
			if (auto code = Walk(element, rest, on_match)) {
				return code;
			}
		} else if (index == step.index) {
			return Walk(element, rest, on_match);
		}
		index++;
	}
	return simdjson::SUCCESS;
}

void SetText(Vector &column, sel_t row, std::string_view text) {
	column.strings()[row] = text;
	column.validity().SetValid(row);
}

} // namespace

simdjson::error_code RawJson(ondemand::value value, std::string_view &text) {
	ondemand::json_type type;
	if (auto code = value.type().get(type)) {
		return code;
	}
	if (type == ondemand::json_type::object) {
		ondemand::object object;
		if (auto code = value.get_object().get(object)) {
			return code;
		}
		if (auto code = object.raw_json().get(text)) {
			return code;
		}
	} else if (type == ondemand::json_type::array) {
		ondemand::array array;
		if (auto code = value.get_array().get(array)) {
			return code;
		}
		if (auto code = array.raw_json().get(text)) {
			return code;
		}
	} else {
		text = value.raw_json_token();
	}
	text = TrimTrailingSpace(text);
	return simdjson::SUCCESS;
}

JsonOperator::JsonOperator(ParseSettings settings, std::vector<Target> targets)
    : settings_(settings), targets_(std::move(targets)), matched_(kVectorSize) {
}

bool JsonOperator::StartDocument(std::string_view text) {
	std::size_t start = text.find_first_not_of(" \t\r\n");
	if (start == std::string_view::npos) {
		return false;
	}
	if (text[start] != '{' && text[start] != '[') {
		start = text.find('{', start);
		if (start == std::string_view::npos) {
			return false;
		}
	}
	text.remove_prefix(start);

	buffer_.resize(text.size() + simdjson::SIMDJSON_PADDING);
	std::memcpy(buffer_.data(), text.data(), text.size());
	simdjson::padded_string_view padded(buffer_.data(), text.size(), buffer_.size());
	return !parser_.iterate(padded).get(document_);
}

bool JsonOperator::ExtractTarget(const Target &target, DataChunk &chunk, sel_t row) {
	Vector &column = chunk.columns[target.slot];
	document_.rewind();
	ondemand::value root;
	if (document_.get_value().get(root)) {
		return false;
	}

	bool found = false;
	if (target.path.HasWildcard()) {
		list_.assign(1, '[');
		auto append = [&](ondemand::value value) {
			std::string_view text;
			if (auto code = RawJson(value, text)) {
				return code;
			}
			if (found) {
				list_ += ',';
			}
			list_.append(text);
			found = true;
			return simdjson::SUCCESS;
		};
		if (Walk(root, target.path.steps, append) || !found) {
			return false;
		}
		list_ += ']';
		SetText(column, row, chunk.heap.AddString(list_));
		return true;
	}

	auto store = [&](ondemand::value value) {
		found = true;
		ondemand::json_type type;
		if (auto code = value.type().get(type)) {
			return code;
		}
		std::string_view text;
		if (type == ondemand::json_type::null) {
			column.validity().SetInvalid(row);
			return simdjson::SUCCESS;
		}
		if (type == ondemand::json_type::string) {
			if (auto code = value.get_string().get(text)) {
				return code;
			}
		} else if (auto code = RawJson(value, text)) {
			return code;
		}
		SetText(column, row, chunk.heap.AddString(text));
		return simdjson::SUCCESS;
	};
	return !Walk(root, target.path.steps, store) && found;
}

void JsonOperator::Execute(DataChunk &chunk) {
	for (const auto &target : targets_) {
		PrepareStringSlot(chunk, target.slot);
	}

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		bool has_json = ReadParseInput(chunk, settings_.input_slot, row, text) && StartDocument(text);

		bool all_found = has_json;
		for (const auto &target : targets_) {
			if (!has_json) {
				break;
			}
			all_found = ExtractTarget(target, chunk, row) && all_found;
		}
		matched_[i] = all_found ? 1 : 0;
	}

	ApplyParseOutcome(chunk, settings_, matched_);
}

} // namespace sumoql
