#include "engine/sources/layouts.hpp"

#include "engine/readers/evtx_source.hpp"
#include "engine/readers/json_array.hpp"
#include "engine/readers/line_source.hpp"
#include "engine/types/ascii.hpp"

#include <nlohmann/json.hpp>

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

//! Classifies the first elements of a file that contains one JSON array. Elements are cut by
//! FindArrayElementEnd, as the event reader cuts them, so a bad or truncated element gets no vote
//! and the elements after it still decide.
void VoteOnArrayElements(std::string_view text, std::map<const Layout *, int> &votes) {
	auto skip_space = [&](std::size_t position) {
		while (position < text.size() && IsAsciiSpace(text[position])) {
			position++;
		}
		return position;
	};

	std::size_t position = 0;
	for (int seen = 0; seen < kEventsToDetect; seen++) {
		// Skip the opening '[' or the ',' that ends the previous element.
		position = skip_space(position);
		if (position < text.size() && (text[position] == '[' || text[position] == ',')) {
			position = skip_space(position + 1);
		}
		if (position >= text.size() || text[position] == ']') {
			return;
		}
		std::size_t end = FindArrayElementEnd(text, position);
		votes[ClassifyEvent(text.substr(position, end - position))]++;
		position = end;
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
