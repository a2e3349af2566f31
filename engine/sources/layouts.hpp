#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! A common way that shippers lay out Sysmon events, with the field extraction rule that maps it
//! onto the field names Sumo's Sysmon queries use. The rule's text is `fers/<name>.sumo`,
//! compiled into the binary.
struct Layout {
	std::string_view name;
	std::string_view description;
	//! Keys that contain the event time, best first: the Sysmon event time where the layout
	//! has one, and the shipper's time for events without it.
	std::vector<std::string_view> time_fields;
};

//! The layout name that means: detect the layout of each file from its first events.
inline constexpr std::string_view kAutoLayout = "auto";
//! The layout name that means: no shipped extraction rule.
inline constexpr std::string_view kNoLayout = "none";

//! Every shipped layout, in the order `--help` lists them.
const std::vector<Layout> &ShippedLayouts();

//! Returns the layout called `name`, or nullptr.
const Layout *FindLayout(std::string_view name);

//! The text of each shipped extraction rule by layout name. Generated from fers/*.sumo.
const std::map<std::string_view, std::string_view> &ShippedExtractionRules();

//! Returns the shipped layout of the JSON text `event`, or nullptr when none fits.
const Layout *ClassifyEvent(std::string_view event);

//! Looks at the first events of the file `path` (NDJSON or a JSON array, gzip-compressed or not,
//! or an .evtx file) and returns the layout most of them have, or nullptr when none fits.
//! Throws InputError when the file cannot be read.
const Layout *DetectLayout(const std::string &path);

} // namespace sumoql
