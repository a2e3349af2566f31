#pragma once

#include "engine/readers/input_block.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <zlib.h>

namespace sumoql {

//! Reads a file or standard input in fixed-size blocks and hands out its lines, so memory stays
//! bounded by the block size (or the longest line) whatever the input size. A file that starts
//! with the gzip signature is decompressed as it is read, with zlib's buffers and no
//! temporary file, and so is gzip data on standard input.
//!
//! Every line returned is followed in memory by at least kPadding readable bytes, which lets
//! simdjson parse it in place. A line view is valid until the next call to NextLine.
class LineSource {
public:
	static constexpr std::size_t kPadding = 64;

	//! Opens `path`, or standard input for "-". Throws InputError when it cannot be opened.
	explicit LineSource(const std::string &path);

	//! Reads the lines of a block that ReadBlock or MappedFile::ReadBlock returned. `block` must
	//! outlive the source. Line numbers continue from the block's first line, or from 1 when it is
	//! unset. `path` only names the input in messages.
	LineSource(const std::string &path, const InputBlock &block);
	~LineSource();

	LineSource(const LineSource &) = delete;
	LineSource &operator=(const LineSource &) = delete;

	//! Returns false at the end of the input. `line` excludes the newline and a trailing `\r`.
	bool NextLine(std::string_view &line, std::uint64_t &line_number);

	//! Bytes that follow `line` in memory, for simdjson's padded views.
	std::size_t CapacityAfter(std::string_view line) const;

	//! Reads the rest of the input into one buffer, for inputs that are one JSON document.
	//! Returns that text; it is followed by kPadding readable bytes.
	std::string_view ReadRemaining();

	//! Moves the next run of whole lines, about kBlockSize bytes or one longer line, into `block`
	//! for another thread to read. Returns false at the end of the input.
	bool ReadBlock(InputBlock &block);

	//! Peeks at the first non-whitespace byte of the input without consuming it; 0 when empty.
	char PeekFirstByte();

	const std::string &path() const {
		return path_;
	}

	//! The number the next line will get.
	std::uint64_t next_line_number() const {
		return line_number_ + 1;
	}

	//! Bytes read from the file so far; for a gzip file, compressed bytes.
	std::uint64_t bytes_read() const {
		return bytes_read_;
	}

private:
	void OpenGzipIfCompressed();
	void OpenGzip();

	//! Reads up to `size` bytes of decompressed input; returns read(2)'s result.
	long ReadInput(char *destination, std::size_t size);

	//! Skips a UTF-8 byte order mark at the start of the input, as Windows tools often write one.
	void SkipByteOrderMark();

	//! Moves unread bytes to the front and reads more. Returns false when nothing more was read.
	bool Refill();

	static constexpr std::size_t kBlockSize = 1 << 20;

	std::string path_;
	int fd_ = -1;
	bool owns_fd_ = false;
	bool at_eof_ = false;
	bool checked_byte_order_mark_ = false;
	//! Owns the buffer when reading a file; empty when reading a block owned by the caller.
	std::unique_ptr<char[]> owned_buffer_;
	char *buffer_ = nullptr;
	std::size_t capacity_ = 0;
	std::size_t begin_ = 0;
	std::size_t end_ = 0;
	std::uint64_t line_number_ = 0;
	//! Set while reading a gzip file.
	gzFile gzip_ = nullptr;
	std::uint64_t bytes_read_ = 0;
};

} // namespace sumoql
