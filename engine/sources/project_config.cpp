#include "engine/sources/project_config.hpp"

#include "engine/readers/timestamp.hpp"
#include "engine/sources/layouts.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fnmatch.h>
#include <functional>
#include <glob.h>
#include <map>

namespace sumoql {

namespace {

namespace fs = std::filesystem;

constexpr std::array kMetadataFields = {"_sourceCategory", "_source", "_sourceHost", "_collector", "_sourceName"};

//! Reads one config file, keeping its name and folder for messages and relative paths.
class ConfigReader {
public:
	ConfigReader(std::string path) : path_(std::move(path)), folder_(fs::absolute(path_).parent_path()) {
	}

	ProjectConfig Read();

private:
	void ReadSources(const YAML::Node &node, ProjectConfig &config);
	void ReadLookups(const YAML::Node &node, ProjectConfig &config);
	SourceConfig ReadSource(const YAML::Node &node);
	void ReadMetadata(const YAML::Node &node, SourceConfig &source);
	std::vector<std::string> ReadStringList(const YAML::Node &node, std::string_view key);
	std::string ReadString(const YAML::Node &node, std::string_view key);
	std::string MakeAbsolute(const std::string &path) const;

	[[noreturn]] void Fail(const YAML::Node &node, const std::string &message) const;

	std::string path_;
	fs::path folder_;
};

ProjectConfig ConfigReader::Read() {
	YAML::Node root;
	try {
		root = YAML::LoadFile(path_);
	} catch (const YAML::BadFile &) {
		throw ConfigError(fmt::format("{}: cannot open the config file", path_));
	} catch (const YAML::ParserException &error) {
		throw ConfigError(fmt::format("{}:{}:{}: invalid YAML: {}", path_, error.mark.line + 1, error.mark.column + 1,
		                              error.msg));
	}

	ProjectConfig config;
	config.path = path_;
	if (root.IsNull()) {
		return config;
	}
	if (!root.IsMap()) {
		Fail(root, "expected a mapping of sections, such as 'sources:'");
	}

	// Each section has a reader. A section that other parts of sumoql read gets an entry here.
	using SectionReader = std::function<void(const YAML::Node &, ProjectConfig &)>;
	const std::map<std::string, SectionReader> sections = {
	    {"sources", [this](const YAML::Node &node, ProjectConfig &config) { ReadSources(node, config); }},
	    {"lookups", [this](const YAML::Node &node, ProjectConfig &config) { ReadLookups(node, config); }},
	};
	for (const auto &entry : root) {
		std::string key = entry.first.as<std::string>();
		auto section = sections.find(key);
		if (section == sections.end()) {
			std::string known;
			for (const auto &[name, reader] : sections) {
				known += (known.empty() ? "" : ", ") + name;
			}
			Fail(entry.first, fmt::format("unknown section '{}'; the known sections are: {}", key, known));
		}
		section->second(entry.second, config);
	}
	return config;
}

void ConfigReader::ReadSources(const YAML::Node &node, ProjectConfig &config) {
	if (!node.IsSequence()) {
		Fail(node, "'sources' must be a list, with one '- path: GLOB' entry per source");
	}
	for (const auto &entry : node) {
		SourceConfig source = ReadSource(entry);
		// Messages and summaries name a source by its name, so two sources with one name would
		// be indistinguishable there.
		for (const auto &earlier : config.sources) {
			if (earlier.name == source.name) {
				Fail(entry, fmt::format("duplicate source name '{}', first used at {}; give each source its own "
				                        "'name'",
				                        source.name, earlier.location));
			}
		}
		config.sources.push_back(std::move(source));
	}
}

void ConfigReader::ReadLookups(const YAML::Node &node, ProjectConfig &config) {
	if (!node.IsMap()) {
		Fail(node, "'lookups' must be a mapping from table paths to CSV files, such as "
		           "'/Library/Users/x/users: tables/users.csv'");
	}
	for (const auto &entry : node) {
		std::string table = ReadString(entry.first, "lookups");
		config.lookups.emplace_back(std::move(table), MakeAbsolute(ReadString(entry.second, table)));
	}
}

SourceConfig ConfigReader::ReadSource(const YAML::Node &node) {
	if (!node.IsMap()) {
		Fail(node, "a source must be a mapping with at least 'path: GLOB'");
	}

	SourceConfig source;
	source.location = fmt::format("{}:{}", path_, node.Mark().line + 1);
	for (const auto &entry : node) {
		std::string key = entry.first.as<std::string>();
		const YAML::Node &value = entry.second;
		if (key == "name") {
			source.name = ReadString(value, key);
		} else if (key == "path") {
			source.path = MakeAbsolute(ReadString(value, key));
		} else if (key == "metadata") {
			ReadMetadata(value, source);
		} else if (key == "time_field") {
			source.time_fields = ReadStringList(value, key);
		} else if (key == "time_format") {
			static const std::map<std::string, TimeFormat> kFormats = {{"auto", TimeFormat::kAuto},
			                                                          {"epoch_s", TimeFormat::kEpochSeconds},
			                                                          {"epoch_ms", TimeFormat::kEpochMilliseconds}};
			auto format = kFormats.find(ReadString(value, key));
			if (format == kFormats.end()) {
				Fail(value, "invalid time_format; use auto, epoch_s or epoch_ms");
			}
			source.time_format = format->second;
		} else if (key == "time_zone") {
			std::string zone = ReadString(value, key);
			source.time_zone_minutes = ParseZoneOffset(zone);
			if (!source.time_zone_minutes) {
				Fail(value, fmt::format("invalid time_zone '{}'; {}", zone, ZoneOffsetHint(zone)));
			}
		} else if (key == "layout") {
			source.layout = ReadString(value, key);
			if (source.layout != kAutoLayout && source.layout != kNoLayout && !FindLayout(source.layout)) {
				Fail(value, fmt::format("unknown layout '{}'; see 'sumoql run --help' for the layout names",
				                        source.layout));
			}
		} else if (key == "fers") {
			for (const auto &fer : ReadStringList(value, key)) {
				source.fers.push_back(MakeAbsolute(fer));
			}
		} else {
			Fail(entry.first, fmt::format("unknown source setting '{}'; the settings are name, path, metadata, "
			                              "time_field, time_format, time_zone, layout and fers",
			                              key));
		}
	}

	if (source.path.empty()) {
		Fail(node, "the source has no 'path'; give a glob of its files, such as logs/*.jsonl");
	}
	if (source.name.empty()) {
		source.name = source.path;
	}
	return source;
}

void ConfigReader::ReadMetadata(const YAML::Node &node, SourceConfig &source) {
	if (!node.IsMap()) {
		Fail(node, "'metadata' must be a mapping such as '_sourceCategory: windows/sysmon'");
	}
	for (const auto &entry : node) {
		std::string key = entry.first.as<std::string>();
		auto known = std::find(kMetadataFields.begin(), kMetadataFields.end(), key);
		if (known == kMetadataFields.end()) {
			Fail(entry.first, fmt::format("unknown metadata field '{}'; use _sourceCategory, _source, _sourceHost, "
			                              "_collector or _sourceName",
			                              key));
		}
		source.metadata.emplace_back(key, ReadString(entry.second, key));
	}
}

std::vector<std::string> ConfigReader::ReadStringList(const YAML::Node &node, std::string_view key) {
	std::vector<std::string> values;
	if (node.IsSequence()) {
		for (const auto &item : node) {
			values.push_back(ReadString(item, key));
		}
	} else {
		values.push_back(ReadString(node, key));
	}
	return values;
}

std::string ConfigReader::ReadString(const YAML::Node &node, std::string_view key) {
	if (!node.IsScalar()) {
		Fail(node, fmt::format("'{}' must be a single value", key));
	}
	return node.as<std::string>();
}

std::string ConfigReader::MakeAbsolute(const std::string &path) const {
	fs::path value(path);
	return (value.is_absolute() ? value : folder_ / value).lexically_normal().string();
}

void ConfigReader::Fail(const YAML::Node &node, const std::string &message) const {
	YAML::Mark mark = node.Mark();
	throw ConfigError(fmt::format("{}:{}:{}: {}", path_, mark.line + 1, mark.column + 1, message));
}

std::string AbsolutePath(const std::string &path) {
	return fs::absolute(path).lexically_normal().string();
}

} // namespace

ProjectConfig LoadProjectConfig(const std::string &path) {
	try {
		return ConfigReader(path).Read();
	} catch (const YAML::Exception &error) {
		// A value of the wrong kind that no check above caught, such as a list used as a key.
		throw ConfigError(fmt::format("{}:{}:{}: invalid value: {}", path, error.mark.line + 1, error.mark.column + 1,
		                              error.msg));
	}
}

std::vector<std::string> ExpandSourceFiles(const SourceConfig &source) {
	glob_t matches {};
	int result = glob(source.path.c_str(), 0, nullptr, &matches);
	std::vector<std::string> files;
	if (result == 0) {
		for (std::size_t i = 0; i < matches.gl_pathc; i++) {
			files.emplace_back(matches.gl_pathv[i]);
		}
	}
	globfree(&matches);
	if (result != 0 && result != GLOB_NOMATCH) {
		throw ConfigError(fmt::format("{}: source '{}': invalid path glob '{}'; glob() failed with code {}",
		                              source.location, source.name, source.path, result));
	}
	std::sort(files.begin(), files.end());
	return files;
}

bool SourceMatchesFile(const SourceConfig &source, const std::string &path) {
	return fnmatch(source.path.c_str(), AbsolutePath(path).c_str(), FNM_PATHNAME) == 0;
}

} // namespace sumoql
