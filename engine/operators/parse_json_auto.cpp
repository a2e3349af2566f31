#include "engine/operators/parse_json_auto.hpp"

#include "engine/operators/parse_json.hpp"
#include "engine/types/ascii.hpp"

#include <algorithm>
#include <cstring>

namespace sumoql {

namespace ondemand = simdjson::ondemand;

namespace {

bool IsContainer(ondemand::json_type type) {
	return type == ondemand::json_type::object || type == ondemand::json_type::array;
}

} // namespace

JsonAutoOperator::JsonAutoOperator(ParseSettings settings, JsonAutoSettings options, AutoFieldSink sink)
    : settings_(settings), options_(std::move(options)), sink_(std::move(sink)) {
}

bool JsonAutoOperator::Expands(int depth) const {
	return !options_.max_depth || depth <= *options_.max_depth;
}

simdjson::error_code JsonAutoOperator::FlattenObject(ondemand::object object, const std::string &prefix, int depth) {
	for (auto field_result : object) {
		ondemand::field field;
		if (auto code = std::move(field_result).get(field)) {
			return code;
		}
		std::string_view key;
		if (auto code = field.unescaped_key().get(key)) {
			return code;
		}
		std::string name = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
		std::replace(name.begin() + static_cast<std::ptrdiff_t>(name.size() - key.size()), name.end(), ' ', '_');
		if (auto code = FlattenValue(field.value(), name, depth + 1)) {
			return code;
		}
	}
	return simdjson::SUCCESS;
}

simdjson::error_code JsonAutoOperator::FlattenArray(ondemand::array array, const std::string &name, int depth) {
	// A first pass reads only the element types, which consumes no value, so the array can be
	// read again.
	bool has_container = false;
	std::size_t count = 0;
	for (auto element_result : array) {
		ondemand::json_type type;
		if (auto code = element_result.type().get(type)) {
			return code;
		}
		has_container = has_container || IsContainer(type);
		count++;
	}
	bool reset_ok = false;
	if (auto code = array.reset().get(reset_ok)) {
		return code;
	}

	if (count == 0 || (!has_container && !options_.extract_arrays)) {
		std::string_view text;
		if (auto code = array.raw_json().get(text)) {
			return code;
		}
		fields_.push_back({name, count == 0 ? std::string_view("[]") : text});
		return simdjson::SUCCESS;
	}

	std::size_t index = 0;
	for (auto element_result : array) {
		ondemand::value element;
		if (auto code = element_result.get(element)) {
			return code;
		}
		if (auto code = FlattenValue(element, name + "[" + std::to_string(index++) + "]", depth + 1)) {
			return code;
		}
	}
	return simdjson::SUCCESS;
}

simdjson::error_code JsonAutoOperator::FlattenValue(ondemand::value value, const std::string &name, int depth) {
	ondemand::json_type type;
	if (auto code = value.type().get(type)) {
		return code;
	}

	if (IsContainer(type) && Expands(depth)) {
		if (type == ondemand::json_type::array) {
			ondemand::array array;
			if (auto code = value.get_array().get(array)) {
				return code;
			}
			return FlattenArray(array, name, depth);
		}
		ondemand::object object;
		if (auto code = value.get_object().get(object)) {
			return code;
		}
		std::size_t before = fields_.size();
		if (auto code = FlattenObject(object, name, depth)) {
			return code;
		}
		// An empty object keeps its key, with its JSON text as the value.
		if (fields_.size() == before) {
			fields_.push_back({name, std::string_view("{}")});
		}
		return simdjson::SUCCESS;
	}

	std::string_view text;
	if (type == ondemand::json_type::null) {
		fields_.push_back({name, std::nullopt});
		return simdjson::SUCCESS;
	}
	if (type == ondemand::json_type::string) {
		if (auto code = value.get_string().get(text)) {
			return code;
		}
	} else if (auto code = RawJson(value, text)) {
		return code;
	}
	fields_.push_back({name, text});
	return simdjson::SUCCESS;
}

bool JsonAutoOperator::TryObjectAt(std::string_view candidate) {
	fields_.clear();
	// The on-demand parser stops at the end of the root object, so the DOM parser checks first
	// that nothing but white space follows it.
	simdjson::dom::element element;
	if (validator_.parse(candidate.data(), candidate.size(), false).get(element) || !element.is_object()) {
		return false;
	}

	simdjson::padded_string_view padded(candidate.data(), candidate.size(),
	                                    buffer_.size() - static_cast<std::size_t>(candidate.data() - buffer_.data()));
	ondemand::object root;
	if (parser_.iterate(padded).get(document_) || document_.get_object().get(root)) {
		return false;
	}
	return !FlattenObject(root, {}, 1);
}

bool JsonAutoOperator::ExtractObject(std::string_view text) {
	std::size_t last = text.rfind('}');
	if (last == std::string_view::npos) {
		return false;
	}
	buffer_.resize(last + 1 + simdjson::SIMDJSON_PADDING);
	std::memcpy(buffer_.data(), text.data(), last + 1);
	std::string_view copy(buffer_.data(), last + 1);

	for (std::size_t start = copy.find('{'); start != std::string_view::npos; start = copy.find('{', start + 1)) {
		if (TryObjectAt(copy.substr(start))) {
			return true;
		}
	}
	fields_.clear();
	return false;
}

void JsonAutoOperator::ApplyRenames() {
	if (options_.keys.renames.empty()) {
		return;
	}
	std::vector<AutoField> kept;
	for (auto &field : fields_) {
		if (auto name = options_.keys.FieldName(field.name, field.name)) {
			field.name = std::move(*name);
			kept.push_back(std::move(field));
		}
	}
	fields_ = std::move(kept);
}

void JsonAutoOperator::Execute(DataChunk &chunk) {
	sink_.Prepare(chunk);

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		bool found = ReadParseInput(chunk, settings_.input_slot, row, text) && ExtractObject(text);
		if (found) {
			ApplyRenames();
			sink_.Store(chunk, row, fields_);
		}
	}
}

} // namespace sumoql
