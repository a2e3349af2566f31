#include "engine/sources/extraction_rules.hpp"

#include "grammar/parser.hpp"

namespace sumoql {

namespace {

//! Returns the first character of `text` outside white space and comments, or 0 when there is none.
char FirstSignificantCharacter(std::string_view text) {
	std::size_t position = 0;
	while (position < text.size()) {
		char c = text[position];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			position++;
		} else if (text.substr(position, 2) == "//") {
			std::size_t end = text.find('\n', position);
			position = end == std::string_view::npos ? text.size() : end;
		} else if (text.substr(position, 2) == "/*") {
			std::size_t end = text.find("*/", position + 2);
			position = end == std::string_view::npos ? text.size() : end + 2;
		} else {
			return c;
		}
	}
	return 0;
}

} // namespace

std::vector<Diagnostic> ExtractionRules::Locate(std::vector<Diagnostic> diagnostics) const {
	for (auto &diagnostic : diagnostics) {
		SourceSpan &span = diagnostic.span;
		span.offset = span.offset >= prefix_length ? span.offset - prefix_length : 0;
		if (span.line == 1) {
			span.column = span.column > prefix_length ? span.column - prefix_length : 1;
		}
	}
	return diagnostics;
}

std::vector<const ast::Operator *> ExtractionRules::StagePointers() const {
	std::vector<const ast::Operator *> pointers;
	for (const auto &op : stages.operators) {
		pointers.push_back(&op);
	}
	return pointers;
}

ExtractionRules ParseExtractionRules(std::string source_name, std::string text) {
	ExtractionRules rules;
	rules.source_name = std::move(source_name);
	rules.text = std::move(text);

	// The query grammar reads text before the first `|` as a search scope, so a rule that starts
	// with its first stage is parsed with a `|` in front.
	char first = FirstSignificantCharacter(rules.text);
	if (first == 0) {
		// A rule of only comments, or an empty file, has no stages.
		return rules;
	}
	std::string parsed_text = rules.text;
	if (first != '|') {
		// Concatenation, not insert(0, "|"), which GCC 12 flags with a false -Wrestrict warning.
		parsed_text = "|" + rules.text;
		rules.prefix_length = 1;
	}

	try {
		rules.stages = ParseQuery(parsed_text);
	} catch (const QueryError &error) {
		throw QueryError(rules.Locate(error.diagnostics()));
	}
	return rules;
}

} // namespace sumoql
