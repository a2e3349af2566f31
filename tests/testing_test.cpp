// The parts of `sumoql test` that do not need the engine: YAML values, row comparison and the
// text edits of `--update`. Expected values follow the rules in docs/testing.md.

#include "testing/row_diff.hpp"
#include "testing/snapshot_update.hpp"
#include "testing/yaml_spans.hpp"
#include "testing/yaml_values.hpp"

#include <gtest/gtest.h>

namespace sumoql {
namespace {

using Json = nlohmann::ordered_json;

TEST(YamlValues, PlainNumberKeepsItsText) {
	auto node = YAML::Load(R"({a: 1.50, b: '3', c: ~, d: true, e: C:\x, f: 0x10})");
	EXPECT_EQ(YamlToJsonText(node), R"({"a":1.50,"b":"3","c":null,"d":true,"e":"C:\\x","f":"0x10"})");
}

TEST(YamlValues, BlockEventBecomesOneLine) {
	auto node = YAML::Load("EventID: 3\nImage: C:\\Windows\\cmd.exe\nTags: [a, 2]\n");
	EXPECT_EQ(YamlToJsonText(node), R"({"EventID":3,"Image":"C:\\Windows\\cmd.exe","Tags":["a",2]})");
}

TEST(YamlValues, ExpectedValuesKeepTheirType) {
	Json row = YamlToJson(YAML::Load("{port: 4128, code: '4128', flag: false, gone: null}"));
	EXPECT_TRUE(row["port"].is_number());
	EXPECT_TRUE(row["code"].is_string());
	EXPECT_TRUE(row["flag"].is_boolean());
	EXPECT_TRUE(row["gone"].is_null());
}

TEST(YamlValues, FlowQuotesTextThatReadsAsOtherTypes) {
	Json row = {{"a", "3"}, {"b", "true"}, {"c", ""}, {"d", 4128}, {"e", nullptr}};
	EXPECT_EQ(JsonToYamlFlow(row), "{a: '3', b: 'true', c: '', d: 4128, e: ~}");
}

TEST(YamlValues, FlowRoundTripsWindowsPath) {
	Json row = {{"Image", "C:\\Windows\\System32\\svchost.exe"}, {"formula", "APT12: (oct1*oct2)+oct3"}};
	std::string flow = JsonToYamlFlow(row);
	EXPECT_EQ(YamlToJson(YAML::Load(flow)), row) << flow;
}

TEST(RowDiff, NumbersCompareAcrossTypes) {
	Json number = 4128;
	Json text = "4128";
	Json fraction = 4128.0;
	EXPECT_TRUE(FieldValueMatches(number, &text));
	EXPECT_TRUE(FieldValueMatches(text, &fraction));
	EXPECT_FALSE(FieldValueMatches(number, nullptr));
}

TEST(RowDiff, NullMatchesMissingField) {
	Json null_value = nullptr;
	Json text = "a";
	EXPECT_TRUE(FieldValueMatches(null_value, nullptr));
	EXPECT_TRUE(FieldValueMatches(null_value, &null_value));
	EXPECT_FALSE(FieldValueMatches(null_value, &text));
}

TEST(RowDiff, TextIsCaseSensitive) {
	Json upper = "A";
	Json lower = "a";
	EXPECT_FALSE(FieldValueMatches(upper, &lower));
}

TEST(RowDiff, FieldNamesIgnoreCase) {
	std::vector<Json> expected = {{{"DST_PORT", 1}}};
	std::vector<Json> actual = {{{"dst_port", 1}}};
	EXPECT_TRUE(DiffRows(expected, actual, false).empty());
}

TEST(RowDiff, UnorderedFindsMaximumMatching) {
	// Pairing the first expected row with the first actual row would leave the second without
	// a match; the maximum matching pairs them crosswise.
	std::vector<Json> expected = {{{"a", 1}}, {{"a", 1}, {"b", 2}}};
	std::vector<Json> actual = {{{"a", 1}, {"b", 2}}, {{"a", 1}, {"b", 3}}};
	EXPECT_TRUE(DiffRows(expected, actual, false).empty());
	EXPECT_EQ(DiffRows(expected, actual, true),
	          std::vector<std::string>({"the rows match, but in another order: expected row 1 is actual row 2, "
	                                    "expected row 2 is actual row 1"}));
}

TEST(RowDiff, ClosestRowShowsFieldDifference) {
	std::vector<Json> expected = {{{"host", "a"}, {"port", 5001}}};
	std::vector<Json> actual = {{{"host", "b"}, {"port", 1}}, {{"host", "a"}, {"port", 5000}}};
	EXPECT_EQ(DiffRows(expected, actual, false),
	          std::vector<std::string>({"row 1 (actual row 2): port: expected 5001, got 5000",
	                                    "unexpected row 1: {host: b, port: 1}"}));
}

TEST(RowDiff, OrderedAlignsAroundMissingRow) {
	std::vector<Json> expected = {{{"x", 1}}, {{"x", 2}}, {{"x", 3}}, {{"x", 4}}};
	std::vector<Json> actual = {{{"x", 1}}, {{"x", 3}}, {{"x", 5}}};
	EXPECT_EQ(DiffRows(expected, actual, true),
	          std::vector<std::string>({"missing row 2: {x: 2}", "row 4 (actual row 3): x: expected 4, got 5"}));
}

TEST(RowDiff, OrderedSwapSaysOnlyOrderDiffers) {
	std::vector<Json> expected = {{{"host", "a"}}, {{"host", "b"}}, {{"host", "c"}}};
	std::vector<Json> actual = {{{"host", "b"}}, {{"host", "a"}}, {{"host", "c"}}};
	EXPECT_EQ(DiffRows(expected, actual, true),
	          std::vector<std::string>({"the rows match, but in another order: expected row 1 is actual row 2, "
	                                    "expected row 2 is actual row 1"}));
}

TEST(RowDiff, OrderedGapPairsClosestRow) {
	// Rows 2 and 3 are missing their match; expected row 3 agrees with actual row 2 on host, and
	// expected row 2 agrees with actual row 3 on port, so the pairs cross.
	std::vector<Json> expected = {{{"host", "a"}, {"port", 1}},
	                              {{"host", "b"}, {"port", 2}},
	                              {{"host", "c"}, {"port", 3}},
	                              {{"host", "d"}, {"port", 4}}};
	std::vector<Json> actual = {{{"host", "a"}, {"port", 1}},
	                            {{"host", "c"}, {"port", 9}},
	                            {{"host", "x"}, {"port", 2}},
	                            {{"host", "y"}, {"port", 8}},
	                            {{"host", "d"}, {"port", 4}}};
	EXPECT_EQ(DiffRows(expected, actual, true),
	          std::vector<std::string>({"row 2 (actual row 3): host: expected b, got x",
	                                    "row 3 (actual row 2): port: expected 3, got 9",
	                                    "unexpected row 4: {host: y, port: 8}"}));
}

TEST(RowDiff, OrderedShowsExtraRowOnly) {
	std::vector<Json> expected = {{{"x", 1}}, {{"x", 3}}};
	std::vector<Json> actual = {{{"x", 1}}, {{"x", 2}}, {{"x", 3}}};
	EXPECT_EQ(DiffRows(expected, actual, true), std::vector<std::string>({"unexpected row 2: {x: 2}"}));
}

TEST(RowDiff, MissingFieldIsNamed) {
	std::vector<Json> expected = {{{"host", "a"}, {"port", 1}}};
	std::vector<Json> actual = {{{"host", "a"}}};
	EXPECT_EQ(DiffRows(expected, actual, true),
	          std::vector<std::string>({"row 1: port: expected 1, got no such field"}));
}

TEST(RowDiff, ManyUnexpectedRowsAreCounted) {
	std::vector<Json> actual(12, Json {{"x", 1}});
	auto lines = DescribeUnexpectedRows(actual);
	ASSERT_EQ(lines.size(), 11u);
	EXPECT_EQ(lines.front(), "unexpected row 1: {x: 1}");
	EXPECT_EQ(lines.back(), "... and 2 more unexpected rows");
}

TEST(YamlSpans, EntryEndsBeforeNextKeyAndItsComments) {
	std::string text = "cases:\n  - name: a\n    rows:\n      - {x: 1}\n\n    # about b\n    matches: 1\n";
	auto root = YAML::Load(text);
	YAML::Node rows_key;
	for (const auto &entry : root["cases"][0]) {
		if (entry.first.as<std::string>() == "rows") {
			rows_key = entry.first;
		}
	}
	TextSpan span = FindEntrySpan(text, root, rows_key);
	EXPECT_EQ(text.substr(span.begin, span.end - span.begin), "rows:\n      - {x: 1}\n");
}

TEST(SnapshotUpdate, InsertsEntryAtEndWithoutNewline) {
	std::string text = "cases:\n  - name: a";
	SnapshotEdit edit {{text.size(), text.size()}, 4, {Json {{"x", 1}}}};
	EXPECT_EQ(ApplySnapshotEdits(text, {edit}), "cases:\n  - name: a\n    rows:\n      - {x: 1}\n");
}

TEST(SnapshotUpdate, EmptyResultWritesEmptyList) {
	std::string text = "    rows:\n      - {x: 1}\n";
	SnapshotEdit edit {{4, text.size()}, 4, {}};
	EXPECT_EQ(ApplySnapshotEdits(text, {edit}), "    rows: []\n");
}

TEST(SnapshotUpdate, KeepsCrlfLineEndings) {
	std::string text = "cases:\r\n  - name: a\r\n    rows:\r\n      - {x: 1}\r\n";
	std::size_t begin = text.find("rows:");
	SnapshotEdit edit {{begin, text.size()}, 4, {Json {{"x", 2}}, Json {{"x", 3}}}};
	EXPECT_EQ(ApplySnapshotEdits(text, {edit}),
	          "cases:\r\n  - name: a\r\n    rows:\r\n      - {x: 2}\r\n      - {x: 3}\r\n");
}

TEST(SnapshotUpdate, KeepsCommentOnRowsLine) {
	std::string text = "    rows:   # from the lab run\n      - {x: 1}\n";
	SnapshotEdit edit {{4, text.size()}, 4, {Json {{"x", 2}}}};
	EXPECT_EQ(ApplySnapshotEdits(text, {edit}), "    rows: # from the lab run\n      - {x: 2}\n");

	std::string empty = "    rows: [] # none yet\n";
	SnapshotEdit fill {{4, empty.size()}, 4, {Json {{"x", 2}}}};
	EXPECT_EQ(ApplySnapshotEdits(empty, {fill}), "    rows: # none yet\n      - {x: 2}\n");
}

} // namespace
} // namespace sumoql
