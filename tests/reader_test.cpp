// Event reading: timestamps, projection, and the handling of invalid lines.

#include "engine/readers/input_error.hpp"
#include "engine/readers/json_event_reader.hpp"
#include "engine/readers/timestamp.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sumoql {
namespace {

namespace fs = std::filesystem;

TEST(Timestamp, IsoWithZ) {
	EXPECT_EQ(ParseTimestamp("2023-11-14T22:15:23.456Z"), 1700000123456);
}

TEST(Timestamp, SysmonUtcTime) {
	EXPECT_EQ(ParseTimestamp("2020-10-09 22:27:49.175"), 1602282469175);
}

TEST(Timestamp, LongFractionsAreCut) {
	EXPECT_EQ(ParseTimestamp("2020-10-09T22:27:49.1759876Z"), 1602282469175);
	EXPECT_EQ(ParseTimestamp("2020-10-09T22:27:49.175987654Z"), 1602282469175);
}

TEST(Timestamp, ZoneOffsets) {
	EXPECT_EQ(ParseTimestamp("2020-10-10T00:27:49.175+02:00"), 1602282469175);
	EXPECT_EQ(ParseTimestamp("2020-10-09T17:27:49.175-0500"), 1602282469175);
}

TEST(Timestamp, EpochMilliseconds) {
	EXPECT_EQ(ParseTimestamp("1700000123456"), 1700000123456);
}

TEST(Timestamp, ShortFractions) {
	// Log Analytics drops trailing zeros: ".4Z" is 400 ms and ".59Z" is 590 ms.
	EXPECT_EQ(ParseTimestamp("2022-05-11T18:10:20.4Z"), 1652292620400);
	EXPECT_EQ(ParseTimestamp("2022-05-11T18:10:20.59Z"), 1652292620590);
	EXPECT_EQ(ParseTimestamp("2022-05-11T18:10:20Z"), 1652292620000);
}

TEST(Timestamp, LocalTimeTakesDefaultZone) {
	// NXLog's EventTime is the collector's local time; 18:27:53 at UTC-4 is 22:27:53 UTC.
	EXPECT_EQ(ParseTimestamp("2020-10-09 18:27:53", -240), 1602282473000);
	// An explicit zone in the text wins over the default.
	EXPECT_EQ(ParseTimestamp("2020-10-09T22:27:53Z", -240), 1602282473000);
}

TEST(Timestamp, ZoneOffsetOption) {
	EXPECT_EQ(ParseZoneOffset("UTC"), 0);
	EXPECT_EQ(ParseZoneOffset("-04:00"), -240);
	EXPECT_EQ(ParseZoneOffset("+0530"), 330);
	EXPECT_FALSE(ParseZoneOffset("Europe/Paris"));
	EXPECT_FALSE(ParseZoneOffset(""));
}

TEST(Timestamp, EpochFormats) {
	EXPECT_EQ(ParseEventTime("1602282473", TimeFormat::kEpochSeconds, 0), 1602282473000);
	EXPECT_EQ(ParseEventTime("1602282473.25", TimeFormat::kEpochSeconds, 0), 1602282473250);
	EXPECT_EQ(ParseEventTime("1602282473000", TimeFormat::kEpochMilliseconds, 0), 1602282473000);
	EXPECT_FALSE(ParseEventTime("2020-10-09", TimeFormat::kEpochSeconds, 0));
	EXPECT_FALSE(ParseEventTime("", TimeFormat::kEpochMilliseconds, 0));
}

TEST(Timestamp, RejectsOtherText) {
	EXPECT_FALSE(ParseTimestamp(""));
	EXPECT_FALSE(ParseTimestamp("yesterday"));
	EXPECT_FALSE(ParseTimestamp("2020-13-09 22:27:49"));
	EXPECT_FALSE(ParseTimestamp("2020-10-09"));
}

class ReaderTest : public ::testing::Test {
protected:
	void SetUp() override {
		path_ = fs::temp_directory_path() / ("sumoql_reader_" + std::to_string(::getpid()) + ".jsonl");
	}

	void TearDown() override {
		fs::remove(path_);
	}

	void Write(const std::string &text) {
		std::ofstream out(path_, std::ios::binary);
		out << text;
	}

	fs::path path_;
};

TEST_F(ReaderTest, ReportsBadLinesAndContinues) {
	Write("{\"a\": \"1\"}\n{\"a\": \n\n[1, 2]\n{\"a\": 3}\n");
	Projection projection;
	projection.AddField("a", 0);
	InputStats stats;
	std::vector<std::string> reported;
	JsonEventReader reader(path_.string(), projection, stats,
	                       [&](const std::string &location, const std::string &) { reported.push_back(location); });

	DataChunk chunk(1);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.row_count, 2u);
	EXPECT_EQ(chunk.columns[0].strings()[0], "1");
	EXPECT_EQ(chunk.columns[0].strings()[1], "3");
	EXPECT_EQ(stats.bad_lines, 2u);
	ASSERT_EQ(reported.size(), 2u);
	EXPECT_EQ(reported[0], path_.string() + ":2");
	EXPECT_EQ(reported[1], path_.string() + ":4");
}

TEST_F(ReaderTest, NumbersKeepTheirText) {
	Write("{\"EventID\": 3, \"Port\": 8443.50, \"ok\": true, \"gone\": null}\n");
	Projection projection;
	projection.AddField("eventid", 0);
	projection.AddField("Port", 1);
	projection.AddField("ok", 2);
	projection.AddField("gone", 3);
	InputStats stats;
	JsonEventReader reader(path_.string(), projection, stats, nullptr);

	DataChunk chunk(4);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.columns[0].strings()[0], "3");
	EXPECT_EQ(chunk.columns[1].strings()[0], "8443.50");
	EXPECT_EQ(chunk.columns[2].strings()[0], "true");
	EXPECT_FALSE(chunk.columns[3].validity().RowIsValid(0));
}

TEST_F(ReaderTest, NestedObjectsByDottedName) {
	Write("{\"winlog\": {\"event_data\": {\"Image\": \"C:\\\\x.exe\"}}}\n");
	Projection projection;
	projection.AddField("winlog.event_data.Image", 0);
	InputStats stats;
	JsonEventReader reader(path_.string(), projection, stats, nullptr);

	DataChunk chunk(1);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.columns[0].strings()[0], "C:\\x.exe");
}

TEST_F(ReaderTest, JsonArrayFile) {
	Write("[\n  {\"a\": \"x\"},\n  {\"a\": \"y\"}\n]\n");
	Projection projection;
	projection.AddField("a", 0);
	InputStats stats;
	JsonEventReader reader(path_.string(), projection, stats, nullptr);

	DataChunk chunk(1);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.row_count, 2u);
	EXPECT_EQ(chunk.columns[0].strings()[1], "y");
}

TEST_F(ReaderTest, JsonArrayCountsNonObjects) {
	Write("[{\"a\": \"1\"}, 5,\n \"x{\", {\"a\": \"{2}\"}]");
	Projection projection;
	projection.AddField("a", 0);
	InputStats stats;
	std::vector<std::string> reported;
	JsonEventReader reader(path_.string(), projection, stats,
	                       [&](const std::string &location, const std::string &) { reported.push_back(location); });

	DataChunk chunk(1);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.row_count, 2u);
	EXPECT_EQ(chunk.columns[0].strings()[0], "1");
	EXPECT_EQ(chunk.columns[0].strings()[1], "{2}");
	EXPECT_EQ(stats.bad_lines, 2u);
	ASSERT_EQ(reported.size(), 2u);
	EXPECT_EQ(reported[0], path_.string() + ":1");
	EXPECT_EQ(reported[1], path_.string() + ":2");
}

TEST_F(ReaderTest, TimeFromFirstCandidate) {
	Write("{\"UtcTime\": \"2020-10-09 22:27:49.175\"}\n{\"x\": 1}\n");
	Projection projection;
	projection.message_time_slot = 0;
	projection.AddTimeCandidate("UtcTime", 1);
	InputStats stats;
	JsonEventReader reader(path_.string(), projection, stats, nullptr);

	DataChunk chunk(1);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.columns[0].numbers()[0], 1602282469175.0);
	EXPECT_FALSE(chunk.columns[0].validity().RowIsValid(1));
}

TEST_F(ReaderTest, SkipsByteOrderMark) {
	Write("\xEF\xBB\xBF{\"a\": \"1\"}\n");
	Projection projection;
	projection.AddField("a", 0);
	InputStats stats;
	JsonEventReader reader(path_.string(), projection, stats, nullptr);

	DataChunk chunk(1);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.row_count, 1u);
	EXPECT_EQ(stats.bad_lines, 0u);
	EXPECT_EQ(chunk.columns[0].strings()[0], "1");
}

TEST_F(ReaderTest, MissingFileIsInputError) {
	Projection projection;
	InputStats stats;
	EXPECT_THROW(JsonEventReader("/nonexistent/file.jsonl", projection, stats, nullptr), InputError);
}

} // namespace
} // namespace sumoql
