#include "testing/yaml_values.hpp"

#include "engine/types/number_text.hpp"

#include <regex>

namespace sumoql {

namespace {

enum class ScalarType { kNull, kBoolean, kNumber, kString };

bool IsJsonNumber(const std::string &text) {
	static const std::regex kJsonNumber(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
	return std::regex_match(text, kJsonNumber);
}

bool IsNullText(const std::string &text) {
	return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

bool IsTrueText(const std::string &text) {
	return text == "true" || text == "True" || text == "TRUE";
}

bool IsFalseText(const std::string &text) {
	return text == "false" || text == "False" || text == "FALSE";
}

//! Types a plain (unquoted) scalar's text by the rules in the header.
ScalarType TypeOfPlainText(const std::string &text) {
	if (IsNullText(text)) {
		return ScalarType::kNull;
	}
	if (IsTrueText(text) || IsFalseText(text)) {
		return ScalarType::kBoolean;
	}
	if (IsJsonNumber(text)) {
		return ScalarType::kNumber;
	}
	return ScalarType::kString;
}

ScalarType TypeOfScalar(const YAML::Node &node) {
	// yaml-cpp tags a plain scalar "?" and a quoted one "!".
	if (node.Tag() != "?") {
		return ScalarType::kString;
	}
	return TypeOfPlainText(node.Scalar());
}

nlohmann::ordered_json ScalarToJson(const YAML::Node &node) {
	const std::string &text = node.Scalar();
	switch (TypeOfScalar(node)) {
	case ScalarType::kNull:
		return nullptr;
	case ScalarType::kBoolean:
		return IsTrueText(text);
	case ScalarType::kNumber:
		return nlohmann::ordered_json::parse(text);
	case ScalarType::kString:
		break;
	}
	return text;
}

void AppendJsonText(const YAML::Node &node, std::string &out) {
	switch (node.Type()) {
	case YAML::NodeType::Map: {
		out += '{';
		bool first = true;
		for (const auto &entry : node) {
			out += first ? "" : ",";
			first = false;
			out += nlohmann::ordered_json(entry.first.as<std::string>()).dump();
			out += ':';
			AppendJsonText(entry.second, out);
		}
		out += '}';
		return;
	}
	case YAML::NodeType::Sequence: {
		out += '[';
		for (std::size_t i = 0; i < node.size(); i++) {
			out += i == 0 ? "" : ",";
			AppendJsonText(node[i], out);
		}
		out += ']';
		return;
	}
	case YAML::NodeType::Scalar:
		if (TypeOfScalar(node) == ScalarType::kNumber) {
			out += node.Scalar();
			return;
		}
		out += ScalarToJson(node).dump();
		return;
	case YAML::NodeType::Null:
	case YAML::NodeType::Undefined:
		out += "null";
		return;
	}
}

void EmitJson(const nlohmann::ordered_json &value, YAML::Emitter &out) {
	if (value.is_object()) {
		out << YAML::Flow << YAML::BeginMap;
		for (const auto &[key, item] : value.items()) {
			out << YAML::Key << key << YAML::Value;
			EmitJson(item, out);
		}
		out << YAML::EndMap;
	} else if (value.is_array()) {
		out << YAML::Flow << YAML::BeginSeq;
		for (const auto &item : value) {
			EmitJson(item, out);
		}
		out << YAML::EndSeq;
	} else if (value.is_null()) {
		out << YAML::Null;
	} else if (value.is_boolean()) {
		out << (value.get<bool>() ? "true" : "false");
	} else if (value.is_number()) {
		out << FormatNumber(value.get<double>());
	} else {
		const auto &text = value.get_ref<const std::string &>();
		// Text that would read back as null, a boolean or a number keeps its quotes.
		if (TypeOfPlainText(text) != ScalarType::kString) {
			out << YAML::SingleQuoted;
		}
		out << text;
	}
}

} // namespace

std::string YamlToJsonText(const YAML::Node &node) {
	std::string out;
	AppendJsonText(node, out);
	return out;
}

nlohmann::ordered_json YamlToJson(const YAML::Node &node) {
	switch (node.Type()) {
	case YAML::NodeType::Map: {
		auto object = nlohmann::ordered_json::object();
		for (const auto &entry : node) {
			object[entry.first.as<std::string>()] = YamlToJson(entry.second);
		}
		return object;
	}
	case YAML::NodeType::Sequence: {
		auto array = nlohmann::ordered_json::array();
		for (const auto &item : node) {
			array.push_back(YamlToJson(item));
		}
		return array;
	}
	case YAML::NodeType::Scalar:
		return ScalarToJson(node);
	case YAML::NodeType::Null:
	case YAML::NodeType::Undefined:
		break;
	}
	return nullptr;
}

std::string JsonToYamlFlow(const nlohmann::ordered_json &value) {
	YAML::Emitter out;
	out.SetMapFormat(YAML::Flow);
	out.SetSeqFormat(YAML::Flow);
	EmitJson(value, out);
	return out.c_str();
}

} // namespace sumoql
