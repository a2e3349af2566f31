// The project config file: sources, their settings, and the errors for invalid files.

#include "engine/sources/project_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace sumoql {
namespace {

namespace fs = std::filesystem;

class ProjectConfigTest : public ::testing::Test {
protected:
	void SetUp() override {
		folder_ = fs::temp_directory_path() / ("sumoql_config_" + std::to_string(::getpid()));
		fs::create_directories(folder_ / "logs");
	}

	void TearDown() override {
		fs::remove_all(folder_);
	}

	std::string Write(const std::string &text) {
		fs::path path = folder_ / "sumoql.yaml";
		std::ofstream(path) << text;
		return path.string();
	}

	//! Returns the message LoadProjectConfig throws for `text`, or "" when it loads.
	std::string ErrorFor(const std::string &text) {
		try {
			LoadProjectConfig(Write(text));
		} catch (const ConfigError &error) {
			return error.what();
		}
		return "";
	}

	fs::path folder_;
};

TEST_F(ProjectConfigTest, ReadsEverySourceSetting) {
	auto config = LoadProjectConfig(Write(R"(
sources:
  - name: workstations
    path: logs/*.jsonl.gz
    metadata:
      _sourceCategory: prod/windows/sysmon
      _sourceHost: ws-01
      _collector: lab
    time_field: [winlog.event_data.UtcTime, "@timestamp"]
    time_format: auto
    time_zone: "-04:00"
    layout: winlogbeat7
    fers:
      - fers/extra.sumo
  - path: /var/log/other.jsonl
)"));

	ASSERT_EQ(config.sources.size(), 2u);
	const SourceConfig &first = config.sources[0];
	EXPECT_EQ(first.name, "workstations");
	EXPECT_EQ(first.path, (folder_ / "logs/*.jsonl.gz").string());
	ASSERT_EQ(first.metadata.size(), 3u);
	EXPECT_EQ(first.metadata[0], std::make_pair(std::string("_sourceCategory"), std::string("prod/windows/sysmon")));
	EXPECT_EQ(first.metadata[2], std::make_pair(std::string("_collector"), std::string("lab")));
	EXPECT_EQ(first.time_fields, (std::vector<std::string> {"winlog.event_data.UtcTime", "@timestamp"}));
	EXPECT_EQ(first.time_zone_minutes, -240);
	EXPECT_EQ(first.layout, "winlogbeat7");
	EXPECT_EQ(first.fers, std::vector<std::string> {(folder_ / "fers/extra.sumo").string()});

	const SourceConfig &second = config.sources[1];
	EXPECT_EQ(second.name, "/var/log/other.jsonl");
	EXPECT_TRUE(second.metadata.empty());
	EXPECT_FALSE(second.time_zone_minutes.has_value());
}

TEST_F(ProjectConfigTest, EmptyFileHasNoSources) {
	EXPECT_TRUE(LoadProjectConfig(Write("")).sources.empty());
}

TEST_F(ProjectConfigTest, UnknownSectionNamesLine) {
	std::string error = ErrorFor("sources: []\nlookup:\n  - a\n");
	EXPECT_NE(error.find("sumoql.yaml:2:1: unknown section 'lookup'"), std::string::npos) << error;
}

TEST_F(ProjectConfigTest, UnknownSourceSettingNamesLine) {
	std::string error = ErrorFor("sources:\n  - path: a.jsonl\n    timefield: x\n");
	EXPECT_NE(error.find(":3:5: unknown source setting 'timefield'"), std::string::npos) << error;
}

TEST_F(ProjectConfigTest, SourceWithoutPathIsInvalid) {
	std::string error = ErrorFor("sources:\n  - name: x\n");
	EXPECT_NE(error.find("the source has no 'path'"), std::string::npos) << error;
}

TEST_F(ProjectConfigTest, InvalidValuesAreReported) {
	EXPECT_NE(ErrorFor("sources:\n  - path: a\n    layout: winlogbeat9\n").find("unknown layout 'winlogbeat9'"),
	          std::string::npos);
	EXPECT_NE(ErrorFor("sources:\n  - path: a\n    time_zone: Europe/Paris\n").find("invalid time_zone 'Europe/Paris'"),
	          std::string::npos);
	EXPECT_NE(ErrorFor("sources:\n  - path: a\n    metadata:\n      category: x\n").find("unknown metadata field"),
	          std::string::npos);
	EXPECT_NE(ErrorFor("sources:\n  - path: a\n    time_format: iso\n").find("invalid time_format"),
	          std::string::npos);
}

TEST_F(ProjectConfigTest, ListAsKeyIsInvalid) {
	std::string error = ErrorFor("sources:\n  - ? [a, b]\n    : c\n");
	EXPECT_NE(error.find("sumoql.yaml:"), std::string::npos) << error;
	EXPECT_NE(error.find("invalid value"), std::string::npos) << error;
}

TEST_F(ProjectConfigTest, InvalidYamlNamesPlace) {
	std::string error = ErrorFor("sources:\n  - path: [a\n");
	EXPECT_NE(error.find("invalid YAML"), std::string::npos) << error;
}

TEST_F(ProjectConfigTest, GlobSelectsSourceFiles) {
	std::ofstream(folder_ / "logs" / "b.jsonl") << "{}\n";
	std::ofstream(folder_ / "logs" / "a.jsonl") << "{}\n";
	std::ofstream(folder_ / "logs" / "c.txt") << "x\n";
	auto config = LoadProjectConfig(Write("sources:\n  - path: logs/*.jsonl\n"));

	auto files = ExpandSourceFiles(config.sources[0]);
	ASSERT_EQ(files.size(), 2u);
	EXPECT_EQ(files[0], (folder_ / "logs" / "a.jsonl").string());
	EXPECT_EQ(files[1], (folder_ / "logs" / "b.jsonl").string());
	EXPECT_TRUE(SourceMatchesFile(config.sources[0], (folder_ / "logs" / "a.jsonl").string()));
	EXPECT_FALSE(SourceMatchesFile(config.sources[0], (folder_ / "logs" / "c.txt").string()));
}

} // namespace
} // namespace sumoql
