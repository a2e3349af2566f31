#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace sumoql {

//! A bump allocator for string bytes. Views it returns stay valid until Reset() or destruction,
//! so a chunk's strings can be views without one allocation per value.
class StringHeap {
public:
	//! Copies `text` into the heap and returns a view of the copy.
	std::string_view AddString(std::string_view text);

	//! Returns `size` writable bytes that stay valid until Reset().
	char *Allocate(std::size_t size);

	//! Forgets every string but keeps the first block, so a reused heap stops allocating.
	void Reset();

	std::size_t allocated_bytes() const;

private:
	static constexpr std::size_t kBlockSize = 64 * 1024;

	struct Block {
		std::unique_ptr<char[]> data;
		std::size_t size = 0;
		std::size_t used = 0;
	};

	std::vector<Block> blocks_;
};

} // namespace sumoql
