#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace sumoql {

//! Pages of a mapped file that one block reads. The destructor drops them from this process
//! with madvise(MADV_DONTNEED). For a read-only file mapping that discards no data: a later
//! read maps the page again from the page cache, so blocks that share a boundary page may
//! release it in any order.
class MappedPages {
public:
	MappedPages() = default;
	MappedPages(const char *begin, std::size_t size);
	~MappedPages();

	MappedPages(MappedPages &&other) noexcept;
	MappedPages &operator=(MappedPages &&other) noexcept;
	MappedPages(const MappedPages &) = delete;
	MappedPages &operator=(const MappedPages &) = delete;

private:
	void Release();

	char *begin_ = nullptr;
	std::size_t size_ = 0;
};

//! A run of whole input lines, followed in memory by LineSource::kPadding readable bytes.
struct InputBlock {
	const char *data = nullptr;
	std::size_t size = 0;
	//! Line number of the block's first line in its input, counting from 1. Unset for a block
	//! whose lines follow the previous block's, so its reader counts them from 1.
	std::optional<std::uint64_t> first_line = 1;
	//! The bytes, when the block holds a copy of them; empty when it points into a mapped file.
	std::unique_ptr<char[]> owned_data;
	//! The mapped pages the block points into, released with the block.
	MappedPages pages;

	//! Makes the block a copy of `text`, followed by LineSource::kPadding zero bytes.
	void CopyFrom(const char *text, std::size_t text_size);
};

} // namespace sumoql
