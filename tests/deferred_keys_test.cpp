// Deferred event keys: the planner leaves the keys that only late stages read unread, the reader
// still checks them, and the stage before their first reader reads them for the rows it gets.

#include "engine/execution/query_plan.hpp"
#include "engine/operators/deferred_field_reader.hpp"
#include "engine/readers/input_block.hpp"
#include "engine/readers/json_event_reader.hpp"
#include "grammar/parser.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace sumoql {
namespace {

//! A stage that records how many rows it ran on.
class CountingStage : public PhysicalOperator {
public:
	explicit CountingStage(idx_t &rows) : rows_(rows) {
	}

	void Execute(DataChunk &chunk) override {
		rows_ += chunk.count;
	}

private:
	idx_t &rows_;
};

//! A projection of `a` (slot 0) and the deferred `b` (slot 1), with the pending text in slot 2.
Projection DeferringProjection() {
	Projection projection;
	projection.AddField("a", 0);
	projection.AddField("b", 1);
	projection.root.Child("b").deferred = true;
	projection.pending_event_slot = 2;
	projection.deferral = std::make_shared<DeferralPolicy>();
	return projection;
}

//! Reads one block of events with DeferringProjection into one chunk. The block outlives the
//! chunk's views into it.
class DeferredKeysTest : public ::testing::Test {
protected:
	//! Reads `text` and returns the line numbers of the bad lines.
	std::vector<std::uint64_t> Read(const std::string &text) {
		block_.CopyFrom(text.data(), text.size());
		std::vector<std::uint64_t> bad_lines;
		InputStats stats;
		JsonEventReader reader("events.jsonl", block_, projection_, stats,
		                       [&](std::uint64_t line_number, const std::string &) { bad_lines.push_back(line_number); });
		reader.ReadChunk(chunk_);
		return bad_lines;
	}

	bool IsNull(idx_t slot, idx_t row) const {
		const Vector &column = chunk_.columns[slot];
		return column.type() == LogicalType::kNull || !column.validity().RowIsValid(row);
	}

	InputBlock block_;
	Projection projection_ = DeferringProjection();
	DataChunk chunk_ {3};
};

TEST_F(DeferredKeysTest, ReaderLeavesDeferredKeyUnread) {
	EXPECT_TRUE(Read("{\"a\":\"1\",\"b\":\"C:\\\\x.exe\"}\n").empty());

	ASSERT_EQ(chunk_.row_count, 1u);
	EXPECT_EQ(chunk_.columns[0].strings()[0], "1");
	EXPECT_TRUE(IsNull(1, 0));
	EXPECT_EQ(chunk_.columns[2].strings()[0], "{\"a\":\"1\",\"b\":\"C:\\\\x.exe\"}");
}

TEST_F(DeferredKeysTest, ReaderReportsBadEscapeInDeferredKey) {
	auto bad_lines = Read("{\"a\":\"1\",\"b\":\"\\q\"}\n{\"a\":\"2\",\"b\":\"\\ud800\"}\n{\"a\":\"3\",\"b\":\"ok\"}\n");

	EXPECT_EQ(bad_lines, (std::vector<std::uint64_t> {1, 2}));
	ASSERT_EQ(chunk_.row_count, 1u);
	EXPECT_EQ(chunk_.columns[0].strings()[0], "3");
}

TEST_F(DeferredKeysTest, StageReadsDeferredKeyOfRowsItGets) {
	Read("{\"a\":\"1\",\"b\":\"x\"}\n{\"a\":\"2\",\"b\":\"C:\\\\y\",\"b\":null}\n{\"a\":\"3\"}\n");
	idx_t stage_rows = 0;
	DeferredFieldReader reader(std::make_unique<CountingStage>(stage_rows), projection_);

	// Only the second and third rows reach the stage.
	SelectionVector reaching;
	reaching.Set(0, 1);
	reaching.Set(1, 2);
	chunk_.Select(reaching, 2);
	reader.Execute(chunk_);

	EXPECT_EQ(stage_rows, 2u);
	// A later null leaves the earlier value, and an escaped value is unescaped.
	EXPECT_EQ(chunk_.columns[1].strings()[1], "C:\\y");
	EXPECT_TRUE(IsNull(1, 2));
	EXPECT_TRUE(IsNull(1, 0));
	EXPECT_TRUE(IsNull(2, 1));
}

TEST_F(DeferredKeysTest, ReaderReadsEveryKeyWhenPolicyDeclines) {
	projection_.deferral->CountRead(16);
	projection_.deferral->CountReached(16);

	Read("{\"a\":\"1\",\"b\":\"x\"}\n");

	EXPECT_EQ(chunk_.columns[1].strings()[0], "x");
	EXPECT_TRUE(IsNull(2, 0));
}

//! The errors of reading `event` and of checking it, with its key `b` deferred.
struct ReadAndCheck {
	simdjson::error_code read;
	simdjson::error_code check;
};

ReadAndCheck DecodeBothWays(JsonEventDecoder &decoder, const std::string &event) {
	std::string padded = event + std::string(64, ' ');
	std::string_view text(padded.data(), event.size());
	DataChunk chunk(3);
	ReadAndCheck result;
	result.read = decoder.Decode(text, padded.size(), chunk, 0, DeferredKeys::kRead);
	result.check = decoder.Decode(text, padded.size(), chunk, 0, DeferredKeys::kCheck);
	return result;
}

TEST(DeferredKeys, CheckAgreesWithReadOnEscapes) {
	// Strings built from escape characters and their neighbours: a check must reject exactly the
	// strings that a read rejects.
	const std::string alphabet = "a\\\"/bfnrtuq0D8C";
	std::mt19937 random(7);
	Projection projection = DeferringProjection();
	JsonEventDecoder decoder(projection, true);
	for (int round = 0; round < 20000; round++) {
		std::string inner;
		std::size_t length = 1 + random() % 12;
		for (std::size_t i = 0; i < length; i++) {
			inner += alphabet[random() % alphabet.size()];
		}
		std::string event = "{\"b\":\"" + inner + "\"}";

		ReadAndCheck result = DecodeBothWays(decoder, event);

		EXPECT_EQ(result.read == simdjson::SUCCESS, result.check == simdjson::SUCCESS) << event;
	}
}

TEST(DeferredKeys, CheckAgreesWithReadOnValues) {
	// Values of every JSON type, valid and not: a check must reject exactly the values that a
	// read rejects.
	const std::vector<std::string> pieces = {"1", "01", "1.", "-", "tru", "true", "nul", "null", "\"\\q\"",
	                                         "\"a\"", "[01]", "[1]", "{\"x\":01}", "{\"x\":1}", "123456789012345678901"};
	Projection projection = DeferringProjection();
	JsonEventDecoder decoder(projection, true);
	for (const auto &value : pieces) {
		std::string event = "{\"b\":" + value + "}";

		ReadAndCheck result = DecodeBothWays(decoder, event);

		EXPECT_EQ(result.read, result.check) << event;
		EXPECT_EQ(result.read == simdjson::SUCCESS, nlohmann::json::accept(event)) << event;
	}
}

TEST(DeferredKeys, WholeEventCheckAgreesWithWriterParser) {
	// When the output shows whole events, the writer parses each event with nlohmann::json, so
	// the reader must accept exactly the events that parser accepts.
	const std::vector<std::string> pieces = {"1", "-0.5e+3", "01", "1.", "-", "123456789012345678901234567890",
	                                         "true", "tru", "null", "nul", "\"a\"", "\"\\q\"", "\"\\u00e9\"",
	                                         "\"\\ud800\"", "[]", "{}", "[1,", "{\"x\":", "]", "}", ",", ":"};
	std::mt19937 random(11);
	Projection projection;
	projection.AddField("a", 0);
	projection.event_text_slot = 1;
	for (int round = 0; round < 5000; round++) {
		std::string value;
		std::size_t count = 1 + random() % 4;
		for (std::size_t i = 0; i < count; i++) {
			value += pieces[random() % pieces.size()];
		}
		std::string event = "{\"a\":\"1\",\"b\":" + value + "}";
		InputBlock block;
		std::string line = event + "\n";
		block.CopyFrom(line.data(), line.size());
		InputStats stats;
		JsonEventReader reader("events.jsonl", block, projection, stats, nullptr);
		DataChunk chunk(2);

		reader.ReadChunk(chunk);

		EXPECT_EQ(stats.bad_lines == 0, nlohmann::json::accept(event)) << event;
	}
}

TEST(DeferredKeys, PolicyStopsDeferringWhenManyRowsReach) {
	DeferralPolicy policy;
	EXPECT_TRUE(policy.ShouldDefer());

	policy.CountRead(1024);
	policy.CountReached(64);
	EXPECT_TRUE(policy.ShouldDefer());

	policy.CountRead(1024);
	policy.CountReached(900);
	EXPECT_FALSE(policy.ShouldDefer());
}

//! The names of the keys that the plan of `query_text` defers.
std::vector<std::string> DeferredKeysOf(const std::string &query_text) {
	ast::Query query = ParseQuery(query_text);
	auto plan = PlanQuery(query, PlanOptions());
	const SourcePipeline &source = plan->sources.front();
	std::vector<std::string> names;
	for (const auto &name : source.event_fields) {
		const ProjectionNode *node = source.projection.root.FindChild(name);
		if (node && node->deferred) {
			names.push_back(name);
		}
	}
	return names;
}

TEST(DeferredKeys, PlannerDefersKeysReadAfterFilters) {
	EXPECT_EQ(DeferredKeysOf("| where EventID = \"3\" | where port = \"80\" | where Image matches \"*x\" "
	                         "| fields Image, User"),
	          (std::vector<std::string> {"Image", "User"}));
}

TEST(DeferredKeys, PlannerReadsAfterOnlyFilter) {
	EXPECT_EQ(DeferredKeysOf("| where EventID = \"3\" | fields EventID, Image"), (std::vector<std::string> {"Image"}));
}

TEST(DeferredKeys, PlannerDefersNothingWithoutFilter) {
	EXPECT_TRUE(DeferredKeysOf("| fields EventID, Image").empty());
	EXPECT_TRUE(DeferredKeysOf("| count by Image").empty());
}

TEST(DeferredKeys, PlannerKeepsTimeKeysAndNestedKeys) {
	// The last filter reads b after the first one, so b is deferred too.
	EXPECT_EQ(DeferredKeysOf("| where a = \"1\" | where b = \"2\" | fields _messageTime, UtcTime, x.y, c"),
	          (std::vector<std::string> {"b", "c"}));
}

TEST(DeferredKeys, PlannerDefersNothingBeforeAggregation) {
	EXPECT_TRUE(DeferredKeysOf("| where EventID = \"3\" | count by Image").empty());
}

} // namespace
} // namespace sumoql
