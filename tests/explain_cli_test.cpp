// `sumoql explain`: the stages of a query with the fields they read and write, the filters in
// run order, and the syntax tree as JSON with `--ast json`.

#include "tests/sumoql_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using sumoql::testing::MakeScratchFolder;
using sumoql::testing::ReadFile;
using sumoql::testing::RunSumoql;
using sumoql::testing::WriteFile;

const char *kDetection = "queries/t1568.003-dns-calculation.sumo";

json ExplainJson(const std::string &arguments) {
	auto result = RunSumoql("explain " + arguments);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	return json::parse(result.out);
}

std::vector<std::string> Names(const json &list) {
	return list.get<std::vector<std::string>>();
}

// The stages of the detection, worked out from the query text: the scope on line 1, then one
// stage per `|`, each starting at column 3 after "| ". An `eval` stage starts at its
// `field = value` pair, at column 8 after "| eval ".
struct ExpectedStage {
	const char *op;
	int line;
};

const std::vector<ExpectedStage> kDetectionStages = {
    {"scope", 1},  {"where", 2},  {"parse regex", 3}, {"where", 5},  {"where", 6},  {"where", 7},
    {"where", 8},  {"where", 9},  {"where", 10},      {"where", 11}, {"where", 12}, {"where", 13},
    {"where", 14}, {"where", 15}, {"where", 16},      {"as", 18},    {"where", 19}, {"where", 20},
    {"as", 25},    {"as", 26},    {"as", 27},         {"where", 28}, {"eval", 30},  {"eval", 31},
    {"where", 33}, {"eval", 34},  {"where", 37},      {"fields", 40}, {"sort", 42},
};

TEST(ExplainCli, DetectionStagesInOrder) {
	json plan = ExplainJson(std::string("--format json ") + kDetection);
	EXPECT_EQ(plan["version"], 1);
	EXPECT_EQ(plan["source"], kDetection);
	const json &stages = plan["stages"];
	ASSERT_EQ(stages.size(), kDetectionStages.size());
	for (std::size_t i = 0; i < stages.size(); i++) {
		EXPECT_EQ(stages[i]["number"], i + 1) << i;
		EXPECT_EQ(stages[i]["operator"], kDetectionStages[i].op) << i;
		EXPECT_EQ(stages[i]["line"], kDetectionStages[i].line) << i;
		// The scope starts the query, and every other stage starts with its operator's name.
		const int column = i == 0 ? 1 : 3;
		EXPECT_EQ(stages[i]["column"], column) << i;
	}
}

TEST(ExplainCli, DetectionStageFields) {
	json plan = ExplainJson(std::string("--format json ") + kDetection);
	const json &stages = plan["stages"];
	ASSERT_EQ(stages.size(), 29u);

	EXPECT_EQ(Names(stages[0]["reads"]), (std::vector<std::string> {"_sourceCategory"}));
	EXPECT_EQ(Names(stages[1]["reads"]),
	          (std::vector<std::string> {"EventID", "EventCode", "metadata_deviceEventId"}));
	EXPECT_EQ(Names(stages[2]["reads"]), (std::vector<std::string> {"DestinationIp"}));
	EXPECT_EQ(Names(stages[2]["writes"]), (std::vector<std::string> {"oct1", "oct2", "oct3"}));
	EXPECT_EQ(Names(stages[15]["reads"]), (std::vector<std::string> {"DestinationPort"}));
	EXPECT_EQ(Names(stages[15]["writes"]), (std::vector<std::string> {"dst_port"}));
	EXPECT_EQ(Names(stages[17]["reads"]), (std::vector<std::string> {"dst_port"}));
	EXPECT_EQ(Names(stages[18]["reads"]), (std::vector<std::string> {"oct1"}));
	EXPECT_EQ(Names(stages[18]["writes"]), (std::vector<std::string> {"o1"}));
	EXPECT_EQ(Names(stages[21]["reads"]), (std::vector<std::string> {"o1", "o2", "o3"}));
	EXPECT_EQ(Names(stages[22]["writes"]), (std::vector<std::string> {"calc_apt12"}));
	EXPECT_EQ(Names(stages[24]["reads"]), (std::vector<std::string> {"dst_port", "calc_apt12", "calc_variant"}));
	EXPECT_EQ(Names(stages[25]["writes"]), (std::vector<std::string> {"matched_formula"}));
	EXPECT_EQ(Names(stages[26]["reads"]), (std::vector<std::string> {"Image"}));

	const std::vector<std::string> listed = {"_messageTime", "Computer",    "User",       "Image",
	                                         "CommandLine",  "DestinationHostname", "DestinationIp", "dst_port",
	                                         "o1",           "o2",          "o3",         "calc_apt12",
	                                         "calc_variant", "matched_formula"};
	EXPECT_EQ(stages[27]["rows"], "keeps_listed");
	EXPECT_EQ(Names(stages[27]["reads"]), listed);
	EXPECT_EQ(Names(stages[28]["reads"]), (std::vector<std::string> {"_messageTime"}));
	EXPECT_EQ(stages[2]["rows"], "keeps_others");
}

TEST(ExplainCli, DetectionFiltersInRunOrder) {
	json plan = ExplainJson(std::string("--format json ") + kDetection);
	// The scope and the 18 where stages filter. The parse has nodrop, so it keeps every row.
	const std::vector<int> filter_lines = {1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20, 28, 33, 37};
	const json &filters = plan["filters"];
	ASSERT_EQ(filters.size(), filter_lines.size());
	for (std::size_t i = 0; i < filters.size(); i++) {
		EXPECT_EQ(filters[i]["line"], filter_lines[i]) << i;
	}
	EXPECT_EQ(filters[0]["operator"], "scope");
	EXPECT_EQ(filters[0]["condition"], "_sourceCategory=*windows*sysmon* OR _sourceCategory=*endpoint*network*");
	EXPECT_EQ(filters[1]["condition"], "EventID = \"3\" OR EventCode = \"3\" OR metadata_deviceEventId = \"sysmon:3\"");
	EXPECT_EQ(filters[2]["condition"], "!DestinationIp matches \"10.*\"");
	EXPECT_EQ(filters[2]["stage"], 4);
}

TEST(ExplainCli, DetectionEventReads) {
	json plan = ExplainJson(std::string("--format json ") + kDetection);
	// Every field that a stage reads before any stage creates it, in first-read order. oct1 to
	// oct3 are read too, because a parse that does not match leaves an event's own value.
	const std::vector<std::string> expected = {"_sourceCategory", "EventID",     "EventCode",
	                                           "metadata_deviceEventId", "DestinationIp", "oct1",
	                                           "oct2",            "oct3",        "DestinationPort",
	                                           "Image",           "Computer",    "User",
	                                           "CommandLine",     "DestinationHostname"};
	EXPECT_EQ(Names(plan["event_fields"]), expected);
	EXPECT_EQ(plan["event_time"], true);
	EXPECT_EQ(plan["event_text"], false);
}

TEST(ExplainCli, DetectionTextIsAligned) {
	auto result = RunSumoql(std::string("explain ") + kDetection);
	EXPECT_EQ(result.exit_code, 0) << result.err;
	const std::string &out = result.out;
	EXPECT_NE(out.find("Stages of queries/t1568.003-dns-calculation.sumo, in query order:\n"), std::string::npos) << out;
	EXPECT_NE(out.find("\n   3  parse regex  3:3    parse field=DestinationIp"), std::string::npos) << out;
	EXPECT_NE(out.find("\n                          writes  oct1, oct2, oct3\n"), std::string::npos) << out;
	EXPECT_NE(out.find("rows    drops all but _messageTime, Computer, User, Image"), std::string::npos) << out;
	EXPECT_NE(out.find("Filters, in run order:\n"), std::string::npos) << out;
	EXPECT_NE(out.find("Read from each event:\n   _sourceCategory, EventID, EventCode"), std::string::npos) << out;
	// The extension warnings go to standard error, as `check` prints them.
	EXPECT_NE(result.err.find("warning SQ2001"), std::string::npos) << result.err;
}

TEST(ExplainCli, AggregationDropsOtherFields) {
	json plan = ExplainJson("--format json -e '| where x > 1 | sum(b * 2) as s by y'");
	const json &stages = plan["stages"];
	ASSERT_EQ(stages.size(), 2u);
	EXPECT_EQ(stages[1]["operator"], "aggregation");
	EXPECT_EQ(stages[1]["rows"], "replaces_all");
	EXPECT_EQ(Names(stages[1]["kept_fields"]), (std::vector<std::string> {"y"}));
	EXPECT_EQ(Names(stages[1]["writes"]), (std::vector<std::string> {"s"}));
	EXPECT_EQ(Names(stages[1]["reads"]), (std::vector<std::string> {"y", "b"}));
	ASSERT_EQ(stages[1]["notes"].size(), 1u);
	EXPECT_EQ(plan["event_text"], false);

	auto text = RunSumoql("explain -e '| where x > 1 | sum(b * 2) as s by y'");
	EXPECT_NE(text.out.find("rows    drops all but y, s\n"), std::string::npos) << text.out;
}

TEST(ExplainCli, ShowsFieldExtractionRules) {
	auto folder = MakeScratchFolder("explain-fer");
	WriteFile(folder / "user.sumo", "parse regex field=msg \"user=(?<user>\\\\w+)\"\n");
	WriteFile(folder / "host.sumo", "parse regex field=msg \"host=(?<host>\\\\w+)\"\n");
	const std::string rules = "--fer " + (folder / "user.sumo").string() + " --fer " + (folder / "host.sumo").string();

	json plan = ExplainJson("--format json " + rules + " -e 'bob | fields user'");
	const json &stages = plan["stages"];
	ASSERT_EQ(stages.size(), 3u);
	EXPECT_EQ(stages[0]["operator"], "parse regex");
	EXPECT_EQ(stages[0]["rule_file"], (folder / "user.sumo").string());
	EXPECT_EQ(stages[0]["line"], 1);
	EXPECT_EQ(stages[0]["column"], 1);
	EXPECT_EQ(stages[0]["filter"], nullptr);
	EXPECT_EQ(stages[1]["operator"], "scope");
	EXPECT_EQ(stages[2]["operator"], "fields");

	// host.sumo writes only host, which the query never reads, so the plan leaves it out.
	const std::string notes = plan["notes"].dump();
	EXPECT_NE(notes.find("host.sumo:1:1 is left out"), std::string::npos) << notes;
	EXPECT_NE(notes.find("before the scope"), std::string::npos) << notes;
	// The rule's parse sets user, which an event may already have.
	EXPECT_EQ(Names(plan["event_fields"]), (std::vector<std::string> {"msg", "user", "_raw"}));
}

TEST(ExplainCli, PlanErrorExitsWithQueryError) {
	auto result = RunSumoql("explain -e '| substrng(a, 1) as b'");
	EXPECT_EQ(result.exit_code, 1);
	EXPECT_EQ(result.out, "");
	EXPECT_NE(result.err.find("<query>:1:3: error SQ4001"), std::string::npos) << result.err;
}

TEST(ExplainCli, PlanJsonMembersAreDocumented) {
	// Every member of the document, of a stage and of a filter has a row in docs/explain.md.
	const std::string doc = ReadFile(std::string(SUMOQL_SOURCE_DIR) + "/docs/explain.md");
	json plan = ExplainJson(std::string("--format json ") + kDetection);
	std::vector<const json *> objects = {&plan, &plan["stages"][0], &plan["filters"][0]};
	for (const json *object : objects) {
		for (const auto &[member, value] : object->items()) {
			EXPECT_NE(doc.find("`" + member + "`"), std::string::npos) << member;
		}
	}
}

TEST(ExplainCli, LookupNeedsNoTableFile) {
	// explain reads no table, so the table needs no --lookup mapping.
	json plan = ExplainJson("--format json -e '| lookup type from path://\"/no/such/t.csv\" on ip=ip | fields type'");
	const json &stages = plan["stages"];
	ASSERT_EQ(stages.size(), 2u);
	EXPECT_EQ(stages[0]["operator"], "lookup");
	EXPECT_EQ(Names(plan["event_fields"]), (std::vector<std::string> {"ip"}));
}

TEST(ExplainCli, MissingQueryIsUsageError) {
	auto result = RunSumoql("explain");
	EXPECT_EQ(result.exit_code, 2);
	auto missing = RunSumoql("explain /nonexistent/q.sumo");
	EXPECT_EQ(missing.exit_code, 2);
	EXPECT_NE(missing.err.find("cannot open the query file"), std::string::npos) << missing.err;
}

// ---------------------------------------------------------------------------------------------
// --ast json
// ---------------------------------------------------------------------------------------------

json Span(int line, int column, int offset, int end) {
	return json {{"line", line}, {"column", column}, {"offset", offset}, {"end", end}};
}

TEST(AstJson, WhereAndCountPositions) {
	// `| where x > 1 | count by y`: `where` at offset 2, `x > 1` from 8 to 13, `count` from 16,
	// `y` at 25, and the text is 26 bytes.
	json document = ExplainJson("--ast json -e '| where x > 1 | count by y'");
	EXPECT_EQ(document["version"], 1);
	const json &query = document["query"];
	EXPECT_EQ(query["type"], "query");
	EXPECT_EQ(query["span"], Span(1, 1, 0, 26));
	EXPECT_EQ(query["scope"], nullptr);

	const json &where = query["stages"][0];
	EXPECT_EQ(where["type"], "where");
	EXPECT_EQ(where["span"], Span(1, 3, 2, 13));
	const json &condition = where["condition"];
	EXPECT_EQ(condition["type"], "binary");
	EXPECT_EQ(condition["operator"], ">");
	EXPECT_EQ(condition["span"], Span(1, 9, 8, 13));
	EXPECT_EQ(condition["left"]["name"], "x");
	EXPECT_EQ(condition["left"]["span"], Span(1, 9, 8, 9));
	EXPECT_EQ(condition["right"]["value"], 1.0);
	EXPECT_EQ(condition["right"]["span"], Span(1, 13, 12, 13));

	const json &count = query["stages"][1];
	EXPECT_EQ(count["type"], "aggregate");
	EXPECT_EQ(count["calls"][0]["function"], "count");
	EXPECT_EQ(count["keys"][0]["name"], "y");
	EXPECT_EQ(count["keys"][0]["span"], Span(1, 26, 25, 26));
}

TEST(AstJson, DocumentedExampleMatches) {
	// docs/ast.md shows the document for this query; the folded layout there parses to the same
	// JSON value.
	const std::string doc = ReadFile(std::string(SUMOQL_SOURCE_DIR) + "/docs/ast.md");
	const auto begin = doc.find("```json\n");
	ASSERT_NE(begin, std::string::npos);
	const auto end = doc.find("```", begin + 8);
	json documented = json::parse(doc.substr(begin + 8, end - begin - 8));

	json actual = ExplainJson("--ast json -e '| where x > 1 | count by y'");
	EXPECT_EQ(actual, documented) << actual.dump(2);
}

TEST(AstJson, DetectionNodes) {
	json document = ExplainJson(std::string("--ast json ") + kDetection);
	const json &query = document["query"];
	EXPECT_EQ(query["scope"]["type"], "scope_or");
	EXPECT_EQ(query["scope"]["terms"][0]["type"], "field_term");
	EXPECT_EQ(query["scope"]["terms"][0]["field"], "_sourceCategory");
	EXPECT_EQ(query["scope"]["terms"][0]["value"], "*windows*sysmon*");

	const json &parse = query["stages"][1];
	EXPECT_EQ(parse["type"], "parse_regex");
	EXPECT_EQ(parse["promoted_from_anchor"], true);
	EXPECT_EQ(parse["field"], "DestinationIp");
	EXPECT_EQ(parse["nodrop"], true);
	EXPECT_EQ(parse["span"]["line"], 3);
	EXPECT_EQ(parse["span"]["column"], 3);

	// Line 5: `| where !DestinationIp matches "10.*"`, with `!` at column 9.
	const json &negation = query["stages"][2]["condition"];
	EXPECT_EQ(negation["type"], "unary");
	EXPECT_EQ(negation["operator"], "!");
	EXPECT_EQ(negation["unparenthesized_not"], true);
	EXPECT_EQ(negation["span"]["line"], 5);
	EXPECT_EQ(negation["span"]["column"], 9);
	EXPECT_EQ(negation["operand"]["type"], "matches");
	EXPECT_EQ(negation["operand"]["pattern"]["value"], "10.*");

	// Line 30: `| eval calc_apt12 = (o1 * o2) + o3`.
	const json &eval = query["stages"][21];
	EXPECT_EQ(eval["type"], "assign");
	EXPECT_EQ(eval["from_eval"], true);
	EXPECT_EQ(eval["target"], "calc_apt12");
	EXPECT_EQ(eval["value"]["operator"], "+");
	EXPECT_EQ(eval["span"]["line"], 30);

	EXPECT_EQ(query["extensions"][0]["type"], "anchor_parse_promoted_to_regex");
	EXPECT_EQ(query["extensions"][0]["span"]["line"], 3);
}

TEST(AstJson, SpanTextMatchesQueryText) {
	// Every span's offset and end cut the node's own text out of the query file.
	const std::string text = ReadFile(std::string(SUMOQL_SOURCE_DIR) + "/" + kDetection);
	json document = ExplainJson(std::string("--ast json ") + kDetection);
	const json &stages = document["query"]["stages"];
	const json &where = stages[0];
	const auto offset = where["condition"]["span"]["offset"].get<std::size_t>();
	const auto end = where["condition"]["span"]["end"].get<std::size_t>();
	EXPECT_EQ(text.substr(offset, end - offset),
	          "EventID = \"3\" OR EventCode = \"3\" OR metadata_deviceEventId = \"sysmon:3\"");

	const json &fields = stages[stages.size() - 2];
	EXPECT_EQ(fields["type"], "fields");
	EXPECT_EQ(fields["names"].size(), 14u);
	const auto name_offset = fields["names"][13]["span"]["offset"].get<std::size_t>();
	EXPECT_EQ(text.substr(name_offset, 15), "matched_formula");
}

TEST(AstJson, PositionsAreInWrittenText) {
	// `_sourceCategory={{cat}} | where x = 1`: `where` starts at offset 26 of the written text,
	// although the filled text is two bytes longer there.
	json document = ExplainJson("--ast json --param cat=longvalue -e '_sourceCategory={{cat}} | where x = 1'");
	const json &query = document["query"];
	EXPECT_EQ(query["scope"]["value"], "longvalue");
	EXPECT_EQ(query["stages"][0]["span"]["offset"], 26);
	EXPECT_EQ(query["stages"][0]["span"]["column"], 27);
}

TEST(AstJson, RoundTripsThroughParser) {
	const std::vector<std::string> queries = {
	    kDetection,
	    "queries/t1568.003-dns-calculation.native.sumo",
	};
	for (const auto &path : queries) {
		auto result = RunSumoql("explain --ast json " + path);
		ASSERT_EQ(result.exit_code, 0) << path << result.err;
		// The ordered form keeps the members in the printed order, so dumping it again must give
		// the same bytes.
		auto first = nlohmann::ordered_json::parse(result.out);
		auto second = nlohmann::ordered_json::parse(first.dump());
		EXPECT_EQ(first, second) << path;
		EXPECT_TRUE(second.dump(2) + "\n" == result.out) << path;
	}
}

TEST(AstJson, EveryExpressionAndStageType) {
	const std::string query =
	    "cat path://\"/Library/t\" | where a in (1, 2) and !b and c contains \"x\" and d matches /y/"
	    " | if(e, null, true) as f | e ? 1 : -2 as g | json field=h \"k\" | top 3 a by b"
	    " | sum(x * 2) as s | fields - s";
	json document = ExplainJson("--ast json -e '" + query + "'");
	const std::string text = document.dump();
	for (const char *type : {"\"in\"", "\"unary\"", "\"call\"", "\"matches\"", "\"null\"", "\"boolean\"",
	                         "\"conditional\"", "\"json\"", "\"top\"", "\"aggregate_call\"", "\"table\"",
	                         "\"aggregate_expression_argument\""}) {
		EXPECT_NE(text.find(std::string("\"type\":") + type), std::string::npos) << type;
	}
	EXPECT_EQ(document["query"]["cat_table"]["location"], "/Library/t");
	EXPECT_EQ(document["query"]["stages"][0]["condition"]["left"]["left"]["left"]["type"], "in");
}

} // namespace
