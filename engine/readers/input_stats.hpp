#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace sumoql {

//! Counts kept while reading, for the run summary.
struct InputStats {
	std::uint64_t events_read = 0;
	std::uint64_t bad_lines = 0;
	//! Event log (.evtx) records that could not be read, or that a corrupted file lost.
	std::uint64_t bad_records = 0;
	std::uint64_t files_read = 0;
	//! Events whose time the query needed but that had no time key, or one that did not parse.
	std::uint64_t events_without_time = 0;
};

//! Receives one message per bad event: `file:line: what is wrong`.
using BadInputHandler = std::function<void(const std::string &location, const std::string &message)>;

} // namespace sumoql
