#include "testing/snapshot_update.hpp"

#include "testing/yaml_values.hpp"

#include <algorithm>

namespace sumoql {

namespace {

//! Writes a `rows:` entry that starts at the key's column and ends with a line break.
std::string FormatRowsEntry(const std::vector<nlohmann::ordered_json> &rows, int key_column) {
	if (rows.empty()) {
		return "rows: []\n";
	}
	std::string entry = "rows:\n";
	std::string indent(static_cast<std::size_t>(key_column) + 2, ' ');
	for (const auto &row : rows) {
		entry += indent + "- " + JsonToYamlFlow(row) + "\n";
	}
	return entry;
}

} // namespace

std::string ApplySnapshotEdits(const std::string &text, std::vector<SnapshotEdit> edits) {
	// Editing from the end keeps the earlier spans' offsets valid.
	std::sort(edits.begin(), edits.end(),
	          [](const SnapshotEdit &a, const SnapshotEdit &b) { return a.span.begin > b.span.begin; });

	std::string result = text;
	for (const auto &edit : edits) {
		std::string replacement = FormatRowsEntry(edit.rows, edit.key_column);
		bool inserting = edit.span.begin == edit.span.end;
		if (inserting) {
			// A new entry starts on a line of its own, at the case's key column.
			replacement = std::string(static_cast<std::size_t>(edit.key_column), ' ') + replacement;
			if (edit.span.begin > 0 && result[edit.span.begin - 1] != '\n') {
				replacement = "\n" + replacement;
			}
		}
		result.replace(edit.span.begin, edit.span.end - edit.span.begin, replacement);
	}
	return result;
}

} // namespace sumoql
