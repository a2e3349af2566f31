#include "testing/yaml_spans.hpp"

#include <vector>

namespace sumoql {

namespace {

void CollectMarks(const YAML::Node &node, std::vector<YAML::Mark> &marks) {
	marks.push_back(node.Mark());
	if (node.IsMap()) {
		for (const auto &entry : node) {
			marks.push_back(entry.first.Mark());
			CollectMarks(entry.second, marks);
		}
	} else if (node.IsSequence()) {
		for (const auto &item : node) {
			CollectMarks(item, marks);
		}
	}
}

std::size_t LineStart(std::string_view text, std::size_t position) {
	while (position > 0 && text[position - 1] != '\n') {
		position--;
	}
	return position;
}

bool IsBlankOrComment(std::string_view line) {
	auto first = line.find_first_not_of(" \t\r\n");
	return first == std::string_view::npos || line[first] == '#';
}

//! Moves `end`, a line start, back over the blank and comment lines before it, but not into
//! the line that starts at or before `floor`.
std::size_t SkipTrailingComments(std::string_view text, std::size_t floor, std::size_t end) {
	while (end > floor) {
		std::size_t previous = LineStart(text, end - 1);
		if (previous <= floor || !IsBlankOrComment(text.substr(previous, end - previous))) {
			break;
		}
		end = previous;
	}
	return end;
}

} // namespace

TextSpan FindEntrySpan(std::string_view text, const YAML::Node &root, const YAML::Node &key) {
	std::vector<YAML::Mark> marks;
	CollectMarks(root, marks);

	const YAML::Mark start = key.Mark();
	auto begin = static_cast<std::size_t>(start.pos);
	std::size_t end = text.size();
	// A later node at the key's column or left of it is the first one outside this entry, since
	// YAML indents everything inside a block entry, flow continuation lines included, deeper.
	for (const auto &mark : marks) {
		if (mark.pos > start.pos && mark.line > start.line && mark.column <= start.column) {
			end = std::min(end, LineStart(text, static_cast<std::size_t>(mark.pos)));
		}
	}
	if (end < text.size() || (!text.empty() && text.back() == '\n')) {
		end = SkipTrailingComments(text, LineStart(text, begin), end);
	}
	return {begin, end};
}

} // namespace sumoql
