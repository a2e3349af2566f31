#include "cli/input_sources.hpp"

#include "engine/readers/input_error.hpp"
#include "engine/sources/layouts.hpp"
#include "engine/types/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

namespace sumoql {

namespace {

//! Builds the plan sources, one per pair of config source and layout.
class InputPlanner {
public:
	InputPlanner(const std::optional<ProjectConfig> &config, const CommandLineSource &command_line, bool quiet)
	    : config_(config), command_line_(command_line), quiet_(quiet) {
	}

	void AddInput(const std::string &path, const SourceConfig *source);
	InputPlan Finish() {
		return std::move(plan_);
	}

private:
	std::string ChooseLayout(const std::string &path, const SourceConfig *source);
	void WarnOnLayoutMismatch(const std::string &path, const std::string &layout);
	SourceOptions MakeSourceOptions(const SourceConfig *source, const Layout *layout);
	void AddRules(SourceOptions &options, std::string name, std::string text);

	const std::optional<ProjectConfig> &config_;
	const CommandLineSource &command_line_;
	bool quiet_;
	InputPlan plan_;
	std::map<std::pair<const SourceConfig *, std::string>, idx_t> source_indexes_;
};

void InputPlanner::AddInput(const std::string &path, const SourceConfig *source) {
	std::string layout = ChooseLayout(path, source);
	auto key = std::make_pair(source, layout);
	auto found = source_indexes_.find(key);
	if (found == source_indexes_.end()) {
		found = source_indexes_.emplace(key, plan_.sources.size()).first;
		plan_.sources.push_back(MakeSourceOptions(source, FindLayout(layout)));
	}
	plan_.inputs.push_back({path, found->second, layout});
}

std::string InputPlanner::ChooseLayout(const std::string &path, const SourceConfig *source) {
	std::string layout = source && !source->layout.empty() ? source->layout : command_line_.layout;
	if (layout.empty() || layout == kNoLayout) {
		return {};
	}
	if (layout != kAutoLayout) {
		WarnOnLayoutMismatch(path, layout);
		return layout;
	}

	if (path == "-") {
		// NOTE: standard input cannot be peeked at without consuming it, so it gets no layout.
		std::cerr << "sumoql: warning: <stdin>: --layout auto needs a file; reading it with no layout\n";
		return {};
	}
	const Layout *detected = DetectLayout(path);
	if (!quiet_) {
		if (detected) {
			std::cerr << fmt::format("sumoql: {}: layout {}, detected from its first events\n", path, detected->name);
		} else {
			std::cerr << fmt::format("sumoql: {}: no known layout found in its first events; reading it with no "
			                         "extraction rule\n",
			                         path);
		}
	}
	return detected ? std::string(detected->name) : std::string();
}

// Warns when a file's first events look like another layout, because a layout's rules overwrite
// the fields they map and so set them to null on events of another shape.
void InputPlanner::WarnOnLayoutMismatch(const std::string &path, const std::string &layout) {
	if (quiet_ || path == "-") {
		return;
	}

	const Layout *detected = DetectLayout(path);
	if (detected && detected->name == layout) {
		return;
	}
	std::string seen = detected ? fmt::format("layout {}", detected->name) : std::string("no known layout");
	std::cerr << fmt::format("sumoql: warning: {}: its first events look like {}, not layout {}; the layout's rules "
	                         "set the fields they map to null when the keys they read are missing\n"
	                         "  hint: check --layout, or use --layout auto\n",
	                         path, seen, layout);
}

SourceOptions InputPlanner::MakeSourceOptions(const SourceConfig *source, const Layout *layout) {
	SourceOptions options;

	// The config source's own settings win, then the command line's, then the layout's.
	if (source && !source->time_fields.empty()) {
		options.time_fields = source->time_fields;
	} else if (!command_line_.time_field.empty()) {
		options.time_fields = {command_line_.time_field};
	} else if (layout) {
		options.time_fields.assign(layout->time_fields.begin(), layout->time_fields.end());
	}
	if (source && source->time_zone_minutes) {
		options.time_zone_minutes = *source->time_zone_minutes;
	} else if (command_line_.time_zone_minutes) {
		options.time_zone_minutes = *command_line_.time_zone_minutes;
	}
	if (source && source->time_format != TimeFormat::kAuto) {
		options.time_format = source->time_format;
	} else if (command_line_.time_format) {
		options.time_format = *command_line_.time_format;
	}

	if (source) {
		options.defaults = source->metadata;
	}
	for (const auto &[field, value] : command_line_.metadata) {
		bool already_set = std::any_of(options.defaults.begin(), options.defaults.end(),
		                         [&](const auto &entry) { return EqualsIgnoringCase(entry.first, field); });
		if (!already_set) {
			options.defaults.emplace_back(field, value);
		}
	}

	if (layout) {
		AddRules(options, fmt::format("<layout {}>", layout->name),
		         std::string(ShippedExtractionRules().at(layout->name)));
	}
	const auto &fers = source && !source->fers.empty() ? source->fers : command_line_.fers;
	for (const auto &path : fers) {
		QueryText text = ReadQueryFile(path);
		AddRules(options, text.source_name, text.text);
	}
	return options;
}

void InputPlanner::AddRules(SourceOptions &options, std::string name, std::string text) {
	QueryText rule_text = MakeQueryText(name, text, {});
	try {
		auto rules = std::make_unique<ExtractionRules>(ParseExtractionRules(std::move(name), std::move(text)));
		// Plan the rule on its own first, so that an error in it is shown against its own text.
		try {
			PlanOptions alone;
			alone.sources.emplace_back().fer_stages = rules->StagePointers();
			PlanQuery(ast::Query {}, alone);
		} catch (const QueryError &error) {
			throw QueryError(rules->Locate(error.diagnostics()));
		}
		auto stages = rules->StagePointers();
		options.fer_stages.insert(options.fer_stages.end(), stages.begin(), stages.end());
		plan_.rules.push_back(std::move(rules));
	} catch (const QueryError &error) {
		throw ExtractionRulesError {rule_text, error.diagnostics()};
	}
}

} // namespace

InputPlan PlanInputs(const std::vector<std::string> &paths, const std::optional<ProjectConfig> &config,
                     const CommandLineSource &command_line, bool quiet) {
	InputPlanner planner(config, command_line, quiet);

	if (paths.empty() && config && !config->sources.empty()) {
		// A file belongs to the first source whose glob matches it, and is read once.
		std::set<std::string> claimed;
		std::vector<const SourceConfig *> empty_sources;
		for (const auto &source : config->sources) {
			std::vector<std::string> files = ExpandSourceFiles(source);
			if (files.empty()) {
				empty_sources.push_back(&source);
			}
			for (const auto &file : files) {
				if (claimed.insert(file).second) {
					planner.AddInput(file, &source);
				}
			}
		}

		std::string unmatched;
		for (const SourceConfig *source : empty_sources) {
			unmatched += fmt::format("\n  {}: source '{}': path '{}'", source->location, source->name, source->path);
		}
		if (claimed.empty()) {
			throw InputError(fmt::format("no file matches the paths of the sources in {}; give input files or fix "
			                             "the 'path' globs:{}",
			                             config->path, unmatched));
		}
		for (const SourceConfig *source : empty_sources) {
			std::cerr << fmt::format("sumoql: warning: {}: source '{}': no file matches the path '{}'\n",
			                         source->location, source->name, source->path);
		}
		return planner.Finish();
	}

	// A file named twice, such as `a.jsonl ./a.jsonl`, would count every event twice, so it is
	// read once, as a file matched by several source globs is.
	std::vector<std::string> inputs = paths.empty() ? std::vector<std::string> {"-"} : paths;
	std::map<std::string, std::string> first_names;
	for (const auto &path : inputs) {
		std::error_code error;
		std::string identity = path == "-" ? path : std::filesystem::weakly_canonical(path, error).string();
		if (error) {
			identity = path;
		}
		auto [first, inserted] = first_names.emplace(identity, path);
		if (!inserted) {
			std::cerr << fmt::format("sumoql: warning: {}: the same input as {}, given earlier; reading it once\n",
			                         path == "-" ? "<stdin>" : path, first->second == "-" ? "<stdin>" : first->second);
			continue;
		}

		const SourceConfig *claimed = nullptr;
		if (config && path != "-") {
			for (const auto &source : config->sources) {
				if (SourceMatchesFile(source, path)) {
					claimed = &source;
					break;
				}
			}
		}
		planner.AddInput(path, claimed);
	}
	return planner.Finish();
}

} // namespace sumoql
