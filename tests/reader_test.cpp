// Event reading: timestamps, projection, mapped input blocks, and the handling of invalid lines.

#include "engine/readers/input_block.hpp"
#include "engine/readers/input_error.hpp"
#include "engine/readers/json_event_reader.hpp"
#include "engine/readers/mapped_file.hpp"
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

TEST(Timestamp, UserTimeForms) {
	// 2024-05-01T00:00:00Z is 1714521600000 ms.
	EXPECT_EQ(ParseUserTime("2024-05-01"), 1714521600000);
	EXPECT_EQ(ParseUserTime("2024-05-01T00:00"), 1714521600000);
	EXPECT_EQ(ParseUserTime("2024-05-01T02:00+02:00"), 1714521600000);
	EXPECT_EQ(ParseUserTime("2024-05-01T00:01Z"), 1714521660000);
	EXPECT_EQ(ParseUserTime("2024-05-01T00:00:30Z"), 1714521630000);
	EXPECT_FALSE(ParseUserTime("2024-05-01T00"));
	EXPECT_FALSE(ParseUserTime("2024-05"));
}

TEST(Timestamp, ZoneOffsetStaysWithinADay) {
	EXPECT_EQ(ParseZoneOffset("+23:59"), 23 * 60 + 59);
	EXPECT_EQ(ParseZoneOffset("-23:59"), -(23 * 60 + 59));
	EXPECT_FALSE(ParseZoneOffset("+24:00"));
	EXPECT_FALSE(ParseZoneOffset("+25:00"));
	EXPECT_FALSE(ParseZoneOffset("+02:60"));
	EXPECT_FALSE(ParseTimestamp("2024-05-01T12:00:00+25:00"));
	EXPECT_NE(ZoneOffsetHint("Europe/Paris").find("named zones"), std::string::npos);
	EXPECT_EQ(ZoneOffsetHint("+25:00").find("named zones"), std::string::npos);
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

TEST_F(ReaderTest, KeysMatchUnescapedAndIgnoringCase) {
	// `Ev\u0065ntID` is `EventID` once unescaped, `a\"b` is a key of its own and not `a`, and
	// the value of a repeated key is its last non-null one.
	Write("{\"Ev\\u0065ntID\": \"3\", \"a\\\"b\": \"quoted\", \"IMAGE\": \"x.exe\", \"dup\": \"1\", \"dup\": \"2\", "
	      "\"dup\": null}\n");
	Projection projection;
	projection.AddField("EventID", 0);
	projection.AddField("a", 1);
	projection.AddField("Image", 2);
	projection.AddField("dup", 3);
	InputStats stats;
	JsonEventReader reader(path_.string(), projection, stats, nullptr);

	DataChunk chunk(4);
	ASSERT_TRUE(reader.ReadChunk(chunk));
	EXPECT_EQ(chunk.columns[0].strings()[0], "3");
	EXPECT_FALSE(chunk.columns[1].validity().RowIsValid(0));
	EXPECT_EQ(chunk.columns[2].strings()[0], "x.exe");
	EXPECT_EQ(chunk.columns[3].strings()[0], "2");
}

//! Reads every block of `file` and returns their texts in order.
std::vector<std::string> ReadAllBlocks(MappedFile &file) {
	std::vector<std::string> texts;
	InputBlock block;
	while (file.ReadBlock(block)) {
		EXPECT_FALSE(block.first_line.has_value());
		texts.emplace_back(block.data, block.size);
	}
	return texts;
}

TEST_F(ReaderTest, MappedBlocksEndAtLineBreaks) {
	// About 3 MB of lines of 1 to 300 bytes, so the file is cut into several blocks.
	std::string text;
	for (int i = 0; text.size() < 3000000; i++) {
		text += "{\"n\":\"" + std::string(static_cast<std::size_t>(i % 300), 'x') + "\"}\n";
	}
	Write(text);
	auto file = MappedFile::Open(path_.string());
	ASSERT_NE(file, nullptr);

	auto blocks = ReadAllBlocks(*file);
	ASSERT_GE(blocks.size(), 3u);
	std::string joined;
	for (const auto &block : blocks) {
		EXPECT_EQ(block.back(), '\n');
		EXPECT_LE(block.size(), std::size_t {1} << 20);
		joined += block;
	}
	EXPECT_EQ(joined, text);
	EXPECT_EQ(file->bytes_read(), text.size());
}

TEST_F(ReaderTest, MappedLongLineIsOneBlock) {
	std::string long_line = "{\"a\":\"" + std::string(1500000, 'y') + "\"}\n";
	Write(long_line + "{\"a\":\"b\"}");
	auto file = MappedFile::Open(path_.string());
	ASSERT_NE(file, nullptr);

	auto blocks = ReadAllBlocks(*file);
	ASSERT_EQ(blocks.size(), 2u);
	EXPECT_EQ(blocks[0], long_line);
	EXPECT_EQ(blocks[1], "{\"a\":\"b\"}");
}

TEST_F(ReaderTest, MappedFileIsFollowedByZeroPadding) {
	// A file of exactly one 4 KiB page, so the padding lies past the file's last page.
	std::string text(4095, ' ');
	text += '\n';
	Write(text);
	auto file = MappedFile::Open(path_.string());
	ASSERT_NE(file, nullptr);

	InputBlock block;
	ASSERT_TRUE(file->ReadBlock(block));
	ASSERT_EQ(block.size, 4096u);
	for (std::size_t i = 0; i < LineSource::kPadding; i++) {
		EXPECT_EQ(block.data[block.size + i], '\0');
	}
}

TEST_F(ReaderTest, MappedFileSkipsByteOrderMark) {
	Write("\xEF\xBB\xBF [{\"a\": 1}]");
	auto file = MappedFile::Open(path_.string());
	ASSERT_NE(file, nullptr);
	EXPECT_EQ(file->FirstByte(), '[');

	auto blocks = ReadAllBlocks(*file);
	ASSERT_EQ(blocks.size(), 1u);
	EXPECT_EQ(blocks[0], " [{\"a\": 1}]");
}

TEST_F(ReaderTest, MappedFileLeavesOtherInputsToLineSource) {
	Write("");
	EXPECT_EQ(MappedFile::Open(path_.string()), nullptr);
	Write("\x1f\x8b\x08 not really gzip");
	EXPECT_EQ(MappedFile::Open(path_.string()), nullptr);
	EXPECT_EQ(MappedFile::Open("/dev/null"), nullptr);
	EXPECT_THROW(MappedFile::Open("/nonexistent/file.jsonl"), InputError);
}

TEST_F(ReaderTest, MappedBlockValuesAndLineNumbers) {
	Write("{\"a\": \"plain\", \"b\": \"C:\\\\x.exe\"}\nnot json\n{\"a\": \"2\"}\n");
	auto file = MappedFile::Open(path_.string());
	ASSERT_NE(file, nullptr);
	InputBlock block;
	ASSERT_TRUE(file->ReadBlock(block));

	Projection projection;
	projection.AddField("a", 0);
	projection.AddField("b", 1);
	InputStats stats;
	std::vector<std::uint64_t> bad_lines;
	JsonEventReader reader(path_.string(), block, projection, stats,
	                       [&](std::uint64_t line_number, const std::string &) { bad_lines.push_back(line_number); });
	DataChunk chunk(2);
	ASSERT_TRUE(reader.ReadChunk(chunk));

	ASSERT_EQ(chunk.row_count, 2u);
	std::string_view plain = chunk.columns[0].strings()[0];
	EXPECT_EQ(plain, "plain");
	// A value without escapes is a view into the block, and an escaped one is unescaped.
	EXPECT_GE(plain.data(), block.data);
	EXPECT_LT(plain.data(), block.data + block.size);
	EXPECT_EQ(chunk.columns[1].strings()[0], "C:\\x.exe");
	EXPECT_EQ(chunk.columns[0].strings()[1], "2");
	ASSERT_EQ(bad_lines.size(), 1u);
	EXPECT_EQ(bad_lines[0], 2u);
	EXPECT_EQ(reader.next_line_number(), 4u);
}

TEST(JsonEventDecoder, KeysInChangingOrderAndCase) {
	// The decoder remembers the key at each position of the previous event, so events whose keys
	// move, change case or disappear must still fill the right slots.
	std::string text = "{\"a\":\"1\",\"B\":\"2\"}\n{\"B\":\"3\",\"a\":\"4\"}\n{\"b\":\"5\"}\n"
	                   "{\"A\":\"6\",\"x\":\"7\"}\n{\"a\":\"8\",\"B\":\"9\"}\n";
	InputBlock block;
	block.CopyFrom(text.data(), text.size());
	Projection projection;
	projection.AddField("a", 0);
	projection.AddField("b", 1);
	InputStats stats;
	JsonEventReader reader("events.jsonl", block, projection, stats, nullptr);
	DataChunk chunk(2);

	ASSERT_TRUE(reader.ReadChunk(chunk));

	ASSERT_EQ(chunk.row_count, 5u);
	const std::vector<std::pair<const char *, const char *>> expected = {
	    {"1", "2"}, {"4", "3"}, {nullptr, "5"}, {"6", nullptr}, {"8", "9"}};
	for (idx_t row = 0; row < expected.size(); row++) {
		for (idx_t slot = 0; slot < 2; slot++) {
			const char *value = slot == 0 ? expected[row].first : expected[row].second;
			const Vector &column = chunk.columns[slot];
			bool valid = column.type() == LogicalType::kString && column.validity().RowIsValid(row);
			ASSERT_EQ(valid, value != nullptr) << row << " " << slot;
			if (value) {
				EXPECT_EQ(column.strings()[row], value) << row << " " << slot;
			}
		}
	}
}

} // namespace
} // namespace sumoql
