#include "engine/operators/parse_xml.hpp"

#include <cctype>

namespace sumoql {

namespace {

//! Splits an XPath at the `/` that separate its steps, leaving `/` inside predicates and quotes.
std::vector<std::string_view> SplitSteps(std::string_view xpath) {
	std::vector<std::string_view> steps;
	int bracket_depth = 0;
	char quote = 0;
	std::size_t start = 0;
	for (std::size_t i = 0; i < xpath.size(); i++) {
		char c = xpath[i];
		if (quote) {
			quote = c == quote ? 0 : quote;
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '[') {
			bracket_depth++;
		} else if (c == ']') {
			bracket_depth--;
		} else if (c == '/' && bracket_depth == 0) {
			steps.push_back(xpath.substr(start, i - start));
			start = i + 1;
		}
	}
	steps.push_back(xpath.substr(start));
	return steps;
}

//! The XPath text outside string literals, with each literal blanked, so that checks for `//`,
//! `..`, `::` and `:` do not look inside quoted values.
std::string TextOutsideQuotes(std::string_view xpath) {
	std::string text(xpath);
	char quote = 0;
	for (char &c : text) {
		if (quote) {
			quote = c == quote ? 0 : quote;
			c = quote ? ' ' : c;
		} else if (c == '\'' || c == '"') {
			quote = c;
		}
	}
	return text;
}

//! Collects an element's XML text.
struct StringWriter : pugi::xml_writer {
	std::string *text;

	void write(const void *data, std::size_t size) override {
		text->append(static_cast<const char *>(data), size);
	}
};

std::size_t FindXmlStart(std::string_view text) {
	for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
		if (at + 1 < text.size()) {
			unsigned char next = static_cast<unsigned char>(text[at + 1]);
			if (std::isalpha(next) || next == '_' || next == '?' || next == '!') {
				return at;
			}
		}
	}
	return std::string_view::npos;
}

} // namespace

std::shared_ptr<const pugi::xpath_query> ParseXmlOperator::CompileXPath(const std::string &xpath, std::string &error) {
	const std::string outside = TextOutsideQuotes(xpath);
	if (!xpath.starts_with('/')) {
		error = "the path must start at the root with '/'";
	} else if (outside.find("//") != std::string::npos) {
		error = "'//' is not supported, so write the full path to the element";
	} else if (outside.find("..") != std::string::npos) {
		error = "'..' is not supported because a path may only go down the tree";
	} else if (outside.find("::") != std::string::npos) {
		error = "axis specifiers such as 'child::' are not supported";
	}
	if (!error.empty()) {
		return nullptr;
	}

	// Sumo Logic's XML parser is not namespace-aware and documents that an XPath with a namespace
	// prefix gives null, so such an XPath becomes one that never matches.
	std::string compiled = xpath;
	if (outside.find(':') != std::string::npos) {
		compiled = "/*[false()]";
	}
	try {
		return std::make_shared<const pugi::xpath_query>(compiled.c_str());
	} catch (const pugi::xpath_exception &exception) {
		error = exception.what();
		return nullptr;
	}
}

std::string ParseXmlOperator::DefaultFieldName(std::string_view xpath) {
	auto steps = SplitSteps(xpath);
	std::string_view step = steps.back();
	if (step == "text()" && steps.size() > 1) {
		step = steps[steps.size() - 2];
	}
	step = step.substr(0, step.find('['));
	if (step.starts_with('@')) {
		step.remove_prefix(1);
	}
	return std::string(step);
}

ParseXmlOperator::ParseXmlOperator(ParseSettings settings, std::vector<Target> targets)
    : settings_(settings), targets_(std::move(targets)), matched_(kVectorSize) {
}

bool ParseXmlOperator::ExtractTarget(const Target &target, DataChunk &chunk, sel_t row) {
	Vector &column = chunk.columns[target.slot];
	std::string_view value;

	if (target.query->return_type() != pugi::xpath_type_node_set) {
		element_text_ = target.query->evaluate_string(document_);
		value = element_text_;
	} else {
		pugi::xpath_node match = target.query->evaluate_node(document_);
		if (!match) {
			return false;
		}
		if (match.attribute()) {
			value = match.attribute().value();
		} else if (match.node().type() == pugi::node_element) {
			element_text_.clear();
			StringWriter writer;
			writer.text = &element_text_;
			match.node().print(writer, "", pugi::format_raw);
			value = element_text_;
		} else {
			value = match.node().value();
		}
	}

	column.strings()[row] = chunk.heap.AddString(value);
	column.validity().SetValid(row);
	return true;
}

void ParseXmlOperator::Execute(DataChunk &chunk) {
	for (const auto &target : targets_) {
		PrepareStringSlot(chunk, target.slot);
	}

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		std::size_t start = std::string_view::npos;
		if (ReadParseInput(chunk, settings_.input_slot, row, text)) {
			start = FindXmlStart(text);
		}
		bool parsed = start != std::string_view::npos &&
		              document_.load_buffer(text.data() + start, text.size() - start, pugi::parse_default,
		                                    pugi::encoding_utf8);
		bool all_matched = parsed;
		for (const auto &target : targets_) {
			if (!parsed) {
				break;
			}
			all_matched = ExtractTarget(target, chunk, row) && all_matched;
		}
		matched_[i] = all_matched ? 1 : 0;
	}

	ApplyParseOutcome(chunk, settings_, matched_);
}

} // namespace sumoql
