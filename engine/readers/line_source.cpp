#include "engine/readers/line_source.hpp"

#include "engine/readers/input_error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

namespace sumoql {

LineSource::LineSource(const std::string &path) : path_(path) {
	if (path == "-") {
		path_ = "<stdin>";
		// Standard input cannot be peeked at for the gzip signature, so it is always read through
		// zlib, which passes input that is not gzip through unchanged. The descriptor is a copy
		// because closing the gzip stream closes it.
		fd_ = ::dup(STDIN_FILENO);
		if (fd_ < 0) {
			throw InputError(std::string("<stdin>: cannot read: ") + std::strerror(errno));
		}
		owns_fd_ = true;
		OpenGzip();
	} else {
		fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
		if (fd_ < 0) {
			throw InputError(path + ": cannot open: " + std::strerror(errno));
		}
		owns_fd_ = true;
		OpenGzipIfCompressed();
	}
	capacity_ = kBlockSize;
	owned_buffer_ = std::make_unique<char[]>(capacity_ + kPadding);
	buffer_ = owned_buffer_.get();
}

// The source never writes to a block's bytes, because at_eof_ is set and so Refill returns at once.
LineSource::LineSource(const std::string &path, const InputBlock &block)
    : path_(path), at_eof_(true), checked_byte_order_mark_(true), buffer_(const_cast<char *>(block.data)),
      capacity_(block.size), end_(block.size), line_number_(block.first_line.value_or(1) - 1) {
}

LineSource::~LineSource() {
	if (gzip_) {
		gzclose(gzip_); // also closes fd_
	} else if (owns_fd_) {
		::close(fd_);
	}
}

void LineSource::OpenGzipIfCompressed() {
	unsigned char magic[2] = {};
	if (::pread(fd_, magic, sizeof(magic), 0) != sizeof(magic) || magic[0] != 0x1f || magic[1] != 0x8b) {
		return;
	}
	OpenGzip();
}

void LineSource::OpenGzip() {
	gzip_ = gzdopen(fd_, "rb");
	if (!gzip_) {
		throw InputError(path_ + ": cannot start gzip decompression");
	}
	// zlib's default 8 KiB input buffer makes a read call per few lines.
	gzbuffer(gzip_, 1 << 17);
}

long LineSource::ReadInput(char *destination, std::size_t size) {
	if (!gzip_) {
		ssize_t got = ::read(fd_, destination, size);
		if (got > 0) {
			bytes_read_ += static_cast<std::uint64_t>(got);
		}
		return got;
	}

	int got = gzread(gzip_, destination, static_cast<unsigned>(std::min<std::size_t>(size, 1u << 30)));
	if (got < 0) {
		int code = 0;
		std::string_view message = gzerror(gzip_, &code);
		// zlib names a stream opened from a descriptor "<fd:N>", which means nothing to a user.
		if (message.starts_with("<fd:") && message.find(": ") != std::string_view::npos) {
			message.remove_prefix(message.find(": ") + 2);
		}
		if (message == "incorrect data check") {
			message = "the data does not match its CRC-32 checksum, so the file is corrupt";
		} else if (message == "incorrect length check") {
			message = "the data length does not match the gzip trailer, so the file is corrupt";
		}
		throw InputError(path_ + ": gzip decompression failed: " +
		                 (code == Z_ERRNO ? std::string(std::strerror(errno)) : std::string(message)));
	}
	bytes_read_ = static_cast<std::uint64_t>(gzoffset(gzip_));
	int code = Z_OK;
	if (got == 0 && (gzerror(gzip_, &code), code == Z_BUF_ERROR)) {
		throw InputError(path_ + ": the gzip data ends early; the file is truncated or corrupt");
	}
	return got;
}

bool LineSource::Refill() {
	if (at_eof_) {
		return false;
	}

	// Keep the unread tail; grow only when a single line fills the whole buffer.
	std::size_t unread = end_ - begin_;
	std::memmove(buffer_, buffer_ + begin_, unread);
	begin_ = 0;
	end_ = unread;
	if (end_ == capacity_) {
		std::size_t new_capacity = capacity_ * 2;
		auto bigger = std::make_unique<char[]>(new_capacity + kPadding);
		std::memcpy(bigger.get(), buffer_, end_);
		owned_buffer_ = std::move(bigger);
		buffer_ = owned_buffer_.get();
		capacity_ = new_capacity;
	}

	while (true) {
		long got = ReadInput(buffer_ + end_, capacity_ - end_);
		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got < 0) {
			throw InputError(path_ + ": read failed: " + std::strerror(errno));
		}
		if (got == 0) {
			at_eof_ = true;
			std::memset(buffer_ + end_, 0, kPadding);
			return false;
		}
		end_ += static_cast<std::size_t>(got);
		std::memset(buffer_ + end_, 0, kPadding);
		return true;
	}
}

void LineSource::SkipByteOrderMark() {
	checked_byte_order_mark_ = true;
	if (end_ - begin_ < 8) {
		Refill();
	}
	// Only a plain file is read with libevtx, which needs to seek, so an event log that arrives
	// through zlib (a .evtx.gz file, or standard input) would otherwise be read as bad NDJSON.
	if (end_ - begin_ >= 8 && std::memcmp(buffer_ + begin_, "ElfFile\0", 8) == 0) {
		throw InputError(path_ + ": EVTX inside gzip or on standard input is not supported; decompress it to a "
		                         ".evtx file and give that file's path");
	}
	if (end_ - begin_ >= 3 && std::memcmp(buffer_ + begin_, "\xEF\xBB\xBF", 3) == 0) {
		begin_ += 3;
	}
}

bool LineSource::NextLine(std::string_view &line, std::uint64_t &line_number) {
	if (!checked_byte_order_mark_) {
		SkipByteOrderMark();
	}
	while (true) {
		const char *start = buffer_ + begin_;
		const char *newline = static_cast<const char *>(std::memchr(start, '\n', end_ - begin_));
		if (newline) {
			line = std::string_view(start, static_cast<std::size_t>(newline - start));
			begin_ += line.size() + 1;
			break;
		}
		if (!Refill()) {
			if (begin_ == end_) {
				return false;
			}
			// The last line has no newline.
			line = std::string_view(buffer_ + begin_, end_ - begin_);
			begin_ = end_;
			break;
		}
	}

	if (!line.empty() && line.back() == '\r') {
		line.remove_suffix(1);
	}
	line_number = ++line_number_;
	return true;
}

std::size_t LineSource::CapacityAfter(std::string_view line) const {
	const char *buffer_end = buffer_ + capacity_ + kPadding;
	return static_cast<std::size_t>(buffer_end - line.data());
}

std::string_view LineSource::ReadRemaining() {
	// Refill doubles the buffer whenever it is full, so this ends with the whole input in it.
	while (Refill()) {
	}
	std::string_view rest(buffer_ + begin_, end_ - begin_);
	begin_ = end_;
	return rest;
}

bool LineSource::ReadBlock(InputBlock &block) {
	if (!checked_byte_order_mark_) {
		SkipByteOrderMark();
	}

	// Gather at least half a block, then cut after its last line break. Refill reads more, grows
	// the buffer for a line longer than it, or marks the end of the input.
	const char *last_newline = nullptr;
	while (true) {
		if (end_ - begin_ >= kBlockSize / 2 || at_eof_) {
			last_newline = static_cast<const char *>(::memrchr(buffer_ + begin_, '\n', end_ - begin_));
			if (last_newline || at_eof_) {
				break;
			}
		}
		Refill();
	}

	std::size_t size = last_newline ? static_cast<std::size_t>(last_newline - (buffer_ + begin_)) + 1 : end_ - begin_;
	if (size == 0) {
		return false;
	}
	block.CopyFrom(buffer_ + begin_, size);
	block.first_line = line_number_ + 1;
	line_number_ += static_cast<std::uint64_t>(std::count(block.data, block.data + size, '\n'));
	begin_ += size;
	return true;
}

char LineSource::PeekFirstByte() {
	if (!checked_byte_order_mark_) {
		SkipByteOrderMark();
	}
	while (true) {
		for (std::size_t i = begin_; i < end_; i++) {
			char c = buffer_[i];
			if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
				return c;
			}
		}
		if (!Refill()) {
			return 0;
		}
	}
}

} // namespace sumoql
