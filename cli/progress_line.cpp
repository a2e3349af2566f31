#include "cli/progress_line.hpp"

#include <fmt/format.h>

#include <iostream>

namespace sumoql {

namespace {

constexpr auto kDelayBeforeFirstDraw = std::chrono::seconds(1);
constexpr auto kRedrawInterval = std::chrono::milliseconds(250);

std::string FormatBytes(std::uint64_t bytes) {
	constexpr double kMebibyte = 1024.0 * 1024.0;
	return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / kMebibyte);
}

std::string FormatDuration(double seconds) {
	auto total = static_cast<std::uint64_t>(seconds + 0.5);
	return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
}

} // namespace

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled), run_start_(Clock::now()) {
}

void ProgressLine::StartFile(const std::string &path, std::uint64_t total_bytes) {
	path_ = path;
	total_bytes_ = total_bytes;
	file_start_ = Clock::now();
}

void ProgressLine::Update(std::uint64_t bytes_read, std::uint64_t events_read) {
	if (!enabled_) {
		return;
	}
	auto now = Clock::now();
	if (now - run_start_ < kDelayBeforeFirstDraw || (shown_ && now - last_draw_ < kRedrawInterval)) {
		return;
	}
	last_draw_ = now;
	shown_ = true;

	double elapsed = std::chrono::duration<double>(now - file_start_).count();
	double events_per_second = elapsed > 0 ? static_cast<double>(events_read) / elapsed : 0;
	std::string line = fmt::format("sumoql: {}: {}", path_, FormatBytes(bytes_read));
	if (total_bytes_ > 0) {
		line += fmt::format(" of {}", FormatBytes(total_bytes_));
	}
	line += fmt::format(", {} events, {:.0f} events/s", events_read, events_per_second);
	if (total_bytes_ > bytes_read && bytes_read > 0 && elapsed > 0) {
		double bytes_per_second = static_cast<double>(bytes_read) / elapsed;
		line += ", ETA " + FormatDuration(static_cast<double>(total_bytes_ - bytes_read) / bytes_per_second);
	}
	// `\r` returns to the line start and `ESC [K` erases the rest of the previous line.
	std::cerr << '\r' << line << "\x1b[K" << std::flush;
}

void ProgressLine::Clear() {
	if (shown_) {
		std::cerr << "\r\x1b[K" << std::flush;
		shown_ = false;
	}
}

} // namespace sumoql
