#pragma once

#include "engine/readers/line_source.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace sumoql {

//! A regular file mapped read-only into memory and handed out as blocks of whole lines that
//! point into the mapping, so reading NDJSON copies no input bytes. The mapping is followed by
//! at least LineSource::kPadding zero bytes, which lets simdjson parse the last line in place.
//!
//! Each block returns its pages to the kernel when it is destroyed, so the resident memory is
//! bounded by the blocks in flight and not by the file size. Blocks should be destroyed in input
//! order, and all of them before the MappedFile.
//!
//! NOTE: a file truncated by another process while it is mapped raises SIGBUS when a page past
//! its new end is read.
class MappedFile {
public:
	//! Maps `path` when it is a non-empty regular file that does not start with the gzip
	//! signature. Returns nullptr for any other input, which LineSource reads instead. Throws
	//! InputError when the file cannot be opened.
	static std::unique_ptr<MappedFile> Open(const std::string &path);

	~MappedFile();

	MappedFile(const MappedFile &) = delete;
	MappedFile &operator=(const MappedFile &) = delete;

	//! Points `block` at the next run of whole lines, about kBlockSize bytes or one longer line.
	//! The block's first line number is left unset, because finding it would mean counting
	//! every line break here. Returns false at the end of the file.
	bool ReadBlock(InputBlock &block);

	//! Returns the first byte that is not white space, after a UTF-8 byte order mark, or 0 when
	//! there is none.
	char FirstByte() const;

	//! Bytes of the file handed out in blocks so far.
	std::uint64_t bytes_read() const {
		return position_;
	}

private:
	MappedFile(char *mapping, std::size_t mapping_size, std::size_t file_size);

	static constexpr std::size_t kBlockSize = 1 << 20;
	//! More than the kernel maps around a page fault, which is 64 KiB by default.
	static constexpr std::size_t kReleaseSlack = 2 << 20;

	char *mapping_;
	std::size_t mapping_size_;
	std::size_t file_size_;
	std::size_t position_ = 0;
};

} // namespace sumoql
