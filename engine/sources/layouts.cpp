#include "engine/sources/layouts.hpp"

#include "engine/readers/evtx_source.hpp"
#include "engine/readers/line_source.hpp"
#include "engine/types/ascii.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>

namespace sumoql {

namespace {

//! Events looked at to detect a file's layout. Files mix event kinds, so a few more than one
//! keep an odd first event from deciding.
constexpr int kEventsToDetect = 20;

bool IsObjectAt(const nlohmann::json &event, std::string_view key) {
	auto it = event.find(key);
	return it != event.end() && it->is_object();
}

//! Classifies the first elements of a file that contains one JSON array. `text` is followed by
//! LineSource::kPadding readable bytes, as simdjson needs.
void VoteOnArrayElements(std::string_view text, std::map<const Layout *, int> &votes) {
	simdjson::ondemand::parser parser;
	simdjson::ondemand::document document;
	simdjson::ondemand::array array;
	auto input = simdjson::padded_string_view(text.data(), text.size(), text.size() + LineSource::kPadding);
	if (parser.iterate(input).get(document) || document.get_array().get(array)) {
		return;
	}
	int seen = 0;
	for (auto element : array) {
		simdjson::ondemand::object object;
		std::string_view json;
		if (seen++ == kEventsToDetect || element.get_object().get(object) || object.raw_json().get(json)) {
			return;
		}
		votes[ClassifyEvent(json)]++;
	}
}

} // namespace

const std::vector<Layout> &ShippedLayouts() {
	static const std::vector<Layout> kLayouts = {
	    {"nxlog", "NXLog im_msvistalog, flat keys (EventID, Hostname, Image)", {"UtcTime", "@timestamp"}},
	    {"winlogbeat6", "Winlogbeat 6 (event_id, computer_name, event_data.*)", {"event_data.UtcTime", "@timestamp"}},
	    {"winlogbeat7",
	     "Winlogbeat 7 / ECS (winlog.event_id, winlog.event_data.*)",
	     {"winlog.event_data.UtcTime", "@timestamp"}},
	    {"evtx",
	     "Windows event XML as JSON, and native .evtx files (Event.System.*, Event.EventData.*)",
	     {"Event.EventData.UtcTime", "Event.System.TimeCreated.SystemTime"}},
	    {"linux-syslog",
	     "Sysmon for Linux XML in the SyslogMessage of a Syslog row",
	     {"TimeGenerated", "EventTime"}},
	};
	return kLayouts;
}

const Layout *FindLayout(std::string_view name) {
	for (const auto &layout : ShippedLayouts()) {
		if (EqualsIgnoringCase(layout.name, name)) {
			return &layout;
		}
	}
	return nullptr;
}

const Layout *ClassifyEvent(std::string_view text) {
	auto event = nlohmann::json::parse(text, nullptr, false);
	if (!event.is_object()) {
		return nullptr;
	}
	if (IsObjectAt(event, "Event") && IsObjectAt(event["Event"], "System")) {
		return FindLayout("evtx");
	}
	if (IsObjectAt(event, "winlog")) {
		return FindLayout("winlogbeat7");
	}
	if (IsObjectAt(event, "event_data") || (event.contains("event_id") && event.contains("computer_name"))) {
		return FindLayout("winlogbeat6");
	}
	if (event.contains("SyslogMessage")) {
		return FindLayout("linux-syslog");
	}
	if (event.contains("EventID") && (event.contains("Hostname") || event.contains("SourceModuleType"))) {
		return FindLayout("nxlog");
	}
	return nullptr;
}

const Layout *DetectLayout(const std::string &path) {
	if (IsEvtxFile(path)) {
		return FindLayout("evtx");
	}

	LineSource lines(path);
	std::map<const Layout *, int> votes;
	if (lines.PeekFirstByte() == '[') {
		VoteOnArrayElements(lines.ReadRemaining(), votes);
	} else {
		std::string_view line;
		std::uint64_t line_number = 0;
		int seen = 0;
		while (seen < kEventsToDetect && lines.NextLine(line, line_number)) {
			if (TrimAsciiSpace(line).empty()) {
				continue;
			}
			seen++;
			votes[ClassifyEvent(line)]++;
		}
	}

	// A tie goes to the layout listed first.
	const Layout *best = nullptr;
	int best_votes = 0;
	for (const auto &layout : ShippedLayouts()) {
		int count = votes[&layout];
		if (count > best_votes) {
			best = &layout;
			best_votes = count;
		}
	}
	return best;
}

} // namespace sumoql
