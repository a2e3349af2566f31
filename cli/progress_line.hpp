#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace sumoql {

//! A one-line progress report on stderr for long runs: the file, bytes read of its size, events,
//! the event rate and the estimated time left. It appears only when stderr is a terminal and
//! the run has taken over a second, and it is redrawn at most a few times a second.
class ProgressLine {
public:
	explicit ProgressLine(bool enabled);

	//! Starts counting for the input `path`, whose size is `total_bytes` (0 when unknown).
	void StartFile(const std::string &path, std::uint64_t total_bytes);

	//! Redraws the line, when it is due, for `bytes_read` of the file and `events_read` so far.
	void Update(std::uint64_t bytes_read, std::uint64_t events_read);

	//! Erases the line, so that other messages start on a clean line.
	void Clear();

private:
	using Clock = std::chrono::steady_clock;

	bool enabled_;
	bool shown_ = false;
	Clock::time_point run_start_;
	Clock::time_point file_start_;
	Clock::time_point last_draw_;
	std::string path_;
	std::uint64_t total_bytes_ = 0;
};

} // namespace sumoql
