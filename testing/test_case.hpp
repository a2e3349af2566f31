#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sumoql {

//! The kind of result a test case requires.
enum class ExpectationKind {
	//! `rows: [...]`: one actual row per expected row, each with the listed field values.
	kRows,
	//! `matches: N`: exactly N result rows.
	kMatchCount,
	//! `no_matches: true`: no result rows.
	kNoMatches,
	//! `error: TEXT`: the query fails, and one of its messages contains TEXT.
	kError,
};

//! A byte range of a test file's text, used to rewrite one case's `rows:` in place.
struct TextSpan {
	std::size_t begin = 0;
	std::size_t end = 0;
};

//! One case of a test file: input events, run settings and the expected result.
struct TestCase {
	std::string name;
	//! Line of the case in its file, counting from 1.
	int line = 0;

	//! Inline events, each as one line of JSON.
	std::vector<std::string> event_lines;
	//! Per inline event, its place in the test file as `FILE:LINE:COLUMN`, for messages.
	std::vector<std::string> event_places;
	//! Event files (NDJSON or a JSON array), read before the inline events.
	std::vector<std::filesystem::path> event_files;

	//! Values for fields an event lacks, such as `_sourceCategory`.
	std::vector<std::pair<std::string, std::string>> metadata;
	//! Query parameter values, by parameter name.
	std::vector<std::pair<std::string, std::string>> params;
	//! The frozen current time in milliseconds since the Unix epoch, for now() and relative time
	//! ranges. Unset means the wall clock when the case starts, as `sumoql run` does.
	std::optional<std::int64_t> now_ms;
	std::optional<std::string> time_field;
	//! The shipped layout whose extraction rule runs first, `auto` to detect it per input, or
	//! empty for none, as `run --layout` takes it.
	std::string layout;
	//! Field extraction rule files, run in order before the query, as `run --fer` takes them.
	std::vector<std::filesystem::path> fers;
	//! Run as `--strict` does: non-Sumo constructs are errors.
	bool strict = false;

	ExpectationKind expectation = ExpectationKind::kRows;
	//! Expected rows as JSON objects holding only the fields the author checks.
	std::vector<nlohmann::ordered_json> rows;
	//! Set by `ordered: true`: row i must match actual row i.
	bool ordered = false;
	std::uint64_t match_count = 0;
	std::string error_text;

	//! Set by `snapshot: true`: `sumoql test --update` may rewrite the rows.
	bool snapshot = false;
	//! Where the case's `rows:` entry is in the file, key included, or an empty span at the
	//! place to insert one. Only set for snapshot cases.
	TextSpan rows_span;
	//! Column, counting from 0, of the case's keys, for indenting a rewritten `rows:`.
	int key_column = 0;
};

//! A loaded `NAME.test.yaml` file and the query it tests.
struct TestFile {
	std::filesystem::path path;
	std::filesystem::path query_path;
	//! Where the query path comes from, as `FILE:LINE:COLUMN`: the `query` key, or the file's
	//! start when the query is the default `NAME.sumo`.
	std::string query_place;
	//! The file's text as read, which `--update` edits.
	std::string text;
	std::vector<TestCase> cases;
};

} // namespace sumoql
