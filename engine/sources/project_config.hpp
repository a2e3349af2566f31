#pragma once

#include "engine/readers/timestamp.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sumoql {

//! One entry of the `sources:` section: which files belong to the source, the metadata a
//! collector would give their events, how to read their time, and the field extraction rules
//! that run on them.
struct SourceConfig {
	//! Shown in messages; the path glob when the file gives no name.
	std::string name;
	//! `CONFIG_FILE:LINE` of the source's entry, for messages.
	std::string location;
	//! Glob of the source's files, made absolute against the config file's folder.
	std::string path;
	//! `_sourceCategory`, `_source`, `_sourceHost`, `_collector` or `_sourceName`, with values.
	std::vector<std::pair<std::string, std::string>> metadata;
	//! Keys that contain the event time, best first; empty means the default candidates.
	std::vector<std::string> time_fields;
	TimeFormat time_format = TimeFormat::kAuto;
	//! Offset from UTC, in minutes, of times that have no zone.
	std::optional<int> time_zone_minutes;
	//! A shipped layout name, `auto` or `none`; empty when the file gives none.
	std::string layout;
	//! Field extraction rule files, made absolute, in the order they run.
	std::vector<std::string> fers;
};

//! A project config file, `sumoql.yaml`. Each top-level key is a section; this loader reads
//! `sources` and `lookups`, and a new section gets a member here and a reader in
//! project_config.cpp.
struct ProjectConfig {
	//! The file it was read from.
	std::string path;
	std::vector<SourceConfig> sources;
	//! The `lookups:` section: lookup table paths, such as `/Library/Users/x/table`, each with
	//! the CSV file it reads from, made absolute against the config file's folder.
	std::vector<std::pair<std::string, std::string>> lookups;
};

//! A config file that cannot be read or has an invalid value. The message starts with
//! `FILE:LINE:COL:` when the problem has a place in the file.
class ConfigError : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

//! Reads and checks the config file at `path`. Throws ConfigError.
ProjectConfig LoadProjectConfig(const std::string &path);

//! Returns the files that match `source.path`, sorted. Throws ConfigError for an invalid glob.
std::vector<std::string> ExpandSourceFiles(const SourceConfig &source);

//! Returns true when the file `path` matches the glob of `source`.
bool SourceMatchesFile(const SourceConfig &source, const std::string &path);

} // namespace sumoql
