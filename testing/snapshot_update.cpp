#include "testing/snapshot_update.hpp"

#include "testing/yaml_values.hpp"

#include <algorithm>
#include <string_view>

namespace sumoql {

namespace {

//! Writes a `rows:` entry that starts at the key's column and ends with `newline`. A `comment`
//! from the old entry's first line follows the key.
std::string FormatRowsEntry(const std::vector<nlohmann::ordered_json> &rows, int key_column,
                            std::string_view comment, std::string_view newline) {
	std::string after_key;
	if (!comment.empty()) {
		after_key.append(" ").append(comment);
	}
	if (rows.empty()) {
		return "rows: []" + after_key + std::string(newline);
	}
	std::string entry = "rows:" + after_key + std::string(newline);
	std::string indent(static_cast<std::size_t>(key_column) + 2, ' ');
	for (const auto &row : rows) {
		entry += indent + "- " + JsonToYamlFlow(row) + std::string(newline);
	}
	return entry;
}

//! Returns the comment on the first line of a `rows:` entry, `# ...` to the end of the line, when
//! the line is `rows:` or `rows: []` followed by one. A `#` inside flow rows is not searched
//! for, because telling a comment from text there takes a YAML scanner.
std::string_view FindKeyComment(std::string_view entry) {
	std::string_view line = entry.substr(0, entry.find('\n'));
	if (line.ends_with('\r')) {
		line.remove_suffix(1);
	}
	if (!line.starts_with("rows:")) {
		return {};
	}
	std::string_view rest = line.substr(5);
	rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(' ')));
	if (rest.starts_with("[]")) {
		rest.remove_prefix(2);
		std::size_t spaces = std::min(rest.size(), rest.find_first_not_of(' '));
		if (spaces == 0) {
			return {};
		}
		rest.remove_prefix(spaces);
	}
	return rest.starts_with('#') ? rest : std::string_view();
}

//! Returns the line ending of `text`'s first line: `\r\n` for a file written on Windows, else
//! `\n`.
std::string_view LineEnding(std::string_view text) {
	std::size_t line_feed = text.find('\n');
	return line_feed != std::string_view::npos && line_feed > 0 && text[line_feed - 1] == '\r' ? "\r\n" : "\n";
}

} // namespace

std::string ApplySnapshotEdits(const std::string &text, std::vector<SnapshotEdit> edits) {
	// Editing from the end keeps the earlier spans' offsets valid.
	std::sort(edits.begin(), edits.end(),
	          [](const SnapshotEdit &a, const SnapshotEdit &b) { return a.span.begin > b.span.begin; });

	std::string_view newline = LineEnding(text);
	std::string result = text;
	for (const auto &edit : edits) {
		std::string_view old_entry = std::string_view(text).substr(edit.span.begin, edit.span.end - edit.span.begin);
		std::string replacement = FormatRowsEntry(edit.rows, edit.key_column, FindKeyComment(old_entry), newline);
		bool inserting = edit.span.begin == edit.span.end;
		if (inserting) {
			// A new entry starts on a line of its own, at the case's key column.
			replacement = std::string(static_cast<std::size_t>(edit.key_column), ' ') + replacement;
			if (edit.span.begin > 0 && result[edit.span.begin - 1] != '\n') {
				replacement = std::string(newline) + replacement;
			}
		}
		result.replace(edit.span.begin, edit.span.end - edit.span.begin, replacement);
	}
	return result;
}

} // namespace sumoql
