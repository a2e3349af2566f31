#include "testing/test_file_loader.hpp"

#include "engine/readers/timestamp.hpp"
#include "engine/sources/layouts.hpp"
#include "engine/types/edit_distance.hpp"
#include "testing/yaml_spans.hpp"
#include "testing/yaml_values.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace sumoql {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kFileKeys = {"query", "metadata", "layout", "fers", "cases"};
const std::set<std::string> kCaseKeys = {"name",    "events",     "events_file", "metadata", "layout",
                                         "fers",    "params",     "now",         "time_field", "strict",
                                         "rows",    "ordered",    "matches",     "no_matches", "error",
                                         "snapshot"};
const std::set<std::string> kExpectationKeys = {"rows", "matches", "no_matches", "error"};

//! Settings that the test file gives every case, unless the case sets its own.
struct FileDefaults {
	std::vector<std::pair<std::string, std::string>> metadata;
	std::string layout;
	std::vector<fs::path> fers;
};

//! Reads one test file, with the place of each problem in it.
class Loader {
public:
	Loader(fs::path path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
	}

	TestFile Load();

private:
	[[noreturn]] void Fail(const YAML::Node &node, const std::string &message) const;
	std::string Place(const YAML::Node &node) const;
	void CheckKeys(const YAML::Node &map, const std::set<std::string> &allowed, const char *what) const;

	std::string ScalarText(const YAML::Node &node, const char *key) const;
	bool Flag(const YAML::Node &node, const char *key) const;
	std::vector<std::pair<std::string, std::string>> ScalarMap(const YAML::Node &node, const char *key) const;

	std::string Layout(const YAML::Node &node) const;
	std::vector<fs::path> Paths(const YAML::Node &node, const char *key) const;

	TestCase LoadCase(const YAML::Node &node, const FileDefaults &defaults);
	void LoadEvents(const YAML::Node &node, TestCase &test_case) const;
	void LoadExpectation(const YAML::Node &node, TestCase &test_case) const;
	void LocateRows(const YAML::Node &node, TestCase &test_case) const;

	fs::path path_;
	std::string text_;
	YAML::Node root_;
};

//! Returns `FILE:LINE:COLUMN` of `node`, or the file alone when the node has no place.
std::string Loader::Place(const YAML::Node &node) const {
	const YAML::Mark mark = node.Mark();
	if (mark.line < 0) {
		return path_.string();
	}
	return fmt::format("{}:{}:{}", path_.string(), mark.line + 1, mark.column + 1);
}

[[noreturn]] void Loader::Fail(const YAML::Node &node, const std::string &message) const {
	throw TestFileError(fmt::format("{}: {}", Place(node), message));
}

void Loader::CheckKeys(const YAML::Node &map, const std::set<std::string> &allowed, const char *what) const {
	for (const auto &entry : map) {
		const std::string key = entry.first.as<std::string>();
		if (allowed.contains(key)) {
			continue;
		}

		// Two edits cover a swapped or dropped letter in keys as short as `rows`.
		std::string names;
		std::string closest;
		std::size_t closest_distance = 3;
		for (const auto &name : allowed) {
			names += (names.empty() ? "" : ", ") + name;
			std::size_t distance = EditDistance(key, name);
			if (distance < closest_distance) {
				closest_distance = distance;
				closest = name;
			}
		}
		std::string hint = closest.empty() ? "" : fmt::format("did you mean '{}'? ", closest);
		Fail(entry.first, fmt::format("unknown key '{}' in {}; {}expected one of: {}", key, what, hint, names));
	}
}

std::string Loader::ScalarText(const YAML::Node &node, const char *key) const {
	if (!node.IsScalar()) {
		Fail(node, fmt::format("'{}' must be a single value", key));
	}
	return node.Scalar();
}

bool Loader::Flag(const YAML::Node &node, const char *key) const {
	std::string text = ScalarText(node, key);
	if (text == "true") {
		return true;
	}
	if (text == "false") {
		return false;
	}
	Fail(node, fmt::format("'{}' must be true or false, got '{}'", key, text));
}

std::vector<std::pair<std::string, std::string>> Loader::ScalarMap(const YAML::Node &node, const char *key) const {
	if (!node.IsMap()) {
		Fail(node, fmt::format("'{}' must be a map of names to values", key));
	}
	std::vector<std::pair<std::string, std::string>> values;
	for (const auto &entry : node) {
		values.emplace_back(entry.first.as<std::string>(), ScalarText(entry.second, key));
	}
	return values;
}

std::string Loader::Layout(const YAML::Node &node) const {
	std::string name = ScalarText(node, "layout");
	if (name == kAutoLayout || name == kNoLayout || FindLayout(name) != nullptr) {
		return name == kNoLayout ? std::string() : name;
	}
	std::string names;
	for (const auto &layout : ShippedLayouts()) {
		names += std::string(layout.name) + ", ";
	}
	Fail(node, fmt::format("unknown layout '{}'; expected one of: {}auto or none", name, names));
}

//! Reads a path or a list of paths, relative to the test file's folder.
std::vector<fs::path> Loader::Paths(const YAML::Node &node, const char *key) const {
	std::vector<fs::path> paths;
	if (node.IsSequence()) {
		for (const auto &item : node) {
			paths.push_back(path_.parent_path() / ScalarText(item, key));
		}
	} else {
		paths.push_back(path_.parent_path() / ScalarText(node, key));
	}
	return paths;
}

void Loader::LoadEvents(const YAML::Node &node, TestCase &test_case) const {
	if (node["events_file"]) {
		test_case.event_files = Paths(node["events_file"], "events_file");
	}

	const YAML::Node events = node["events"];
	if (!events) {
		return;
	}
	if (!events.IsSequence()) {
		Fail(events, "'events' must be a list of events");
	}
	for (const auto &event : events) {
		// A quoted string is a line of JSON as it would appear in an NDJSON file.
		if (event.IsScalar()) {
			test_case.event_lines.push_back(event.Scalar());
		} else if (event.IsMap()) {
			test_case.event_lines.push_back(YamlToJsonText(event));
		} else {
			Fail(event, "each event must be a map of fields or a line of JSON");
		}
		test_case.event_places.push_back(Place(event));
	}
}

void Loader::LoadExpectation(const YAML::Node &node, TestCase &test_case) const {
	int count = 0;
	for (const auto &key : kExpectationKeys) {
		count += node[key] ? 1 : 0;
	}
	if (count > 1) {
		Fail(node, "a case has one expectation: 'rows', 'matches', 'no_matches' or 'error'");
	}
	if (count == 0 && !test_case.snapshot) {
		Fail(node, fmt::format("case '{}' has no expectation; add 'rows', 'matches', 'no_matches' or 'error'",
		                       test_case.name));
	}

	if (const YAML::Node rows = node["rows"]) {
		test_case.expectation = ExpectationKind::kRows;
		if (!rows.IsSequence()) {
			Fail(rows, "'rows' must be a list of rows, such as [] or [{dst_port: 4128}]");
		}
		for (const auto &row : rows) {
			if (!row.IsMap()) {
				Fail(row, "each expected row must be a map of field names to values");
			}
			test_case.rows.push_back(YamlToJson(row));
		}
	} else if (const YAML::Node matches = node["matches"]) {
		test_case.expectation = ExpectationKind::kMatchCount;
		std::string text = ScalarText(matches, "matches");
		if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
			Fail(matches, fmt::format("'matches' must be a row count of 0 or more, got '{}'", text));
		}
		test_case.match_count = std::stoull(text);
	} else if (const YAML::Node no_matches = node["no_matches"]) {
		test_case.expectation = ExpectationKind::kNoMatches;
		if (!Flag(no_matches, "no_matches")) {
			Fail(no_matches, "'no_matches' takes only true; use 'matches: N' to require rows");
		}
	} else if (const YAML::Node error = node["error"]) {
		test_case.expectation = ExpectationKind::kError;
		test_case.error_text = ScalarText(error, "error");
	}
}

void Loader::LocateRows(const YAML::Node &node, TestCase &test_case) const {
	test_case.key_column = node.Mark().column;
	std::optional<YAML::Node> last_key;
	for (const auto &entry : node) {
		if (entry.first.as<std::string>() == "rows") {
			test_case.rows_span = FindEntrySpan(text_, root_, entry.first);
			return;
		}
		last_key = entry.first;
	}
	// With no `rows:` yet, the snapshot goes after the case's last entry; `name` is always one.
	TextSpan after_last = FindEntrySpan(text_, root_, *last_key);
	test_case.rows_span = {after_last.end, after_last.end};
}

TestCase Loader::LoadCase(const YAML::Node &node, const FileDefaults &defaults) {
	if (!node.IsMap()) {
		Fail(node, "each case must be a map with at least 'name' and an expectation");
	}
	CheckKeys(node, kCaseKeys, "a case");

	TestCase test_case;
	test_case.line = node.Mark().line + 1;
	if (!node["name"]) {
		Fail(node, "a case needs a 'name'");
	}
	test_case.name = ScalarText(node["name"], "name");

	LoadEvents(node, test_case);
	if (node["metadata"]) {
		test_case.metadata = ScalarMap(node["metadata"], "metadata");
	}
	// The file's metadata applies to every case, unless the case sets the same field.
	for (const auto &[field, value] : defaults.metadata) {
		auto same_field = [&field](const auto &own) { return own.first == field; };
		if (std::none_of(test_case.metadata.begin(), test_case.metadata.end(), same_field)) {
			test_case.metadata.emplace_back(field, value);
		}
	}
	test_case.layout = node["layout"] ? Layout(node["layout"]) : defaults.layout;
	test_case.fers = node["fers"] ? Paths(node["fers"], "fers") : defaults.fers;
	if (node["params"]) {
		test_case.params = ScalarMap(node["params"], "params");
	}
	if (node["now"]) {
		std::string text = ScalarText(node["now"], "now");
		test_case.now_ms = ParseUserTime(text);
		if (!test_case.now_ms) {
			Fail(node["now"], fmt::format("invalid 'now' value '{}'; give {}", text, kUserTimeForms));
		}
	}
	if (node["time_field"]) {
		test_case.time_field = ScalarText(node["time_field"], "time_field");
	}
	test_case.strict = node["strict"] && Flag(node["strict"], "strict");
	test_case.ordered = node["ordered"] && Flag(node["ordered"], "ordered");
	test_case.snapshot = node["snapshot"] && Flag(node["snapshot"], "snapshot");

	LoadExpectation(node, test_case);
	if (test_case.snapshot) {
		if (test_case.expectation != ExpectationKind::kRows) {
			Fail(node, "a case with 'snapshot: true' records 'rows'; remove its other expectation");
		}
		// --update rewrites whole lines, which would cut a flow map's closing brace.
		if (node.Style() == YAML::EmitterStyle::Flow) {
			Fail(node, "a case with 'snapshot: true' must be a block map, one key per line, so that "
			           "--update can rewrite its rows");
		}
		LocateRows(node, test_case);
	}
	return test_case;
}

TestFile Loader::Load() {
	try {
		root_ = YAML::Load(text_);
	} catch (const YAML::Exception &error) {
		// A Windows path such as "C:\Windows" in double quotes is the usual cause.
		std::string hint;
		if (error.msg.starts_with("unknown escape character")) {
			hint = "; in a double-quoted YAML string a backslash starts an escape, so write \\\\ for one "
			       "backslash or use single quotes, such as 'C:\\Windows'";
		}
		throw TestFileError(fmt::format("{}:{}:{}: invalid YAML: {}{}", path_.string(), error.mark.line + 1,
		                                error.mark.column + 1, error.msg, hint));
	}
	if (!root_.IsMap() || !root_["cases"]) {
		Fail(root_, "a test file is a map with a 'cases' list");
	}
	CheckKeys(root_, kFileKeys, "a test file");

	TestFile file;
	file.path = path_;
	file.text = text_;
	std::string stem = path_.filename().string();
	stem = stem.ends_with(".test.yaml") ? stem.substr(0, stem.size() - 10) : path_.stem().string();
	file.query_path = path_.parent_path() / (stem + ".sumo");
	file.query_place = path_.string() + ":1:1";
	if (root_["query"]) {
		file.query_path = path_.parent_path() / ScalarText(root_["query"], "query");
		file.query_place = Place(root_["query"]);
	}

	FileDefaults defaults;
	if (root_["metadata"]) {
		defaults.metadata = ScalarMap(root_["metadata"], "metadata");
	}
	if (root_["layout"]) {
		defaults.layout = Layout(root_["layout"]);
	}
	if (root_["fers"]) {
		defaults.fers = Paths(root_["fers"], "fers");
	}

	const YAML::Node cases = root_["cases"];
	if (!cases.IsSequence()) {
		Fail(cases, "'cases' must be a list of cases");
	}
	if (cases.size() == 0) {
		Fail(cases, "'cases' is empty; add a case with a 'name' and an expectation");
	}
	std::set<std::string> names;
	for (const auto &node : cases) {
		TestCase test_case = LoadCase(node, defaults);
		if (!names.insert(test_case.name).second) {
			Fail(node["name"], fmt::format("a second case is named '{}'; case names must differ", test_case.name));
		}
		file.cases.push_back(std::move(test_case));
	}
	return file;
}

} // namespace

TestFile LoadTestFile(const fs::path &path) {
	std::ifstream stream(path, std::ios::binary);
	if (!stream) {
		throw TestFileError(path.string() + ": cannot open the test file");
	}
	std::ostringstream text;
	text << stream.rdbuf();
	return Loader(path, text.str()).Load();
}

} // namespace sumoql
