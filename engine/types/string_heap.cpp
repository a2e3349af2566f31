#include "engine/types/string_heap.hpp"

#include <algorithm>
#include <cstring>

namespace sumoql {

std::string_view StringHeap::AddString(std::string_view text) {
	if (text.empty()) {
		return {};
	}
	char *target = Allocate(text.size());
	std::memcpy(target, text.data(), text.size());
	return {target, text.size()};
}

char *StringHeap::Allocate(std::size_t size) {
	if (blocks_.empty() || blocks_.back().size - blocks_.back().used < size) {
		std::size_t block_size = std::max(kBlockSize, size);
		blocks_.push_back(Block {std::make_unique<char[]>(block_size), block_size, 0});
	}

	Block &block = blocks_.back();
	char *result = block.data.get() + block.used;
	block.used += size;
	return result;
}

void StringHeap::Reset() {
	if (blocks_.empty()) {
		return;
	}
	// Keep the first block only if it has the standard size; an oversized one came from a
	// single huge value and would pin its memory.
	blocks_.resize(1);
	if (blocks_[0].size != kBlockSize) {
		blocks_.clear();
		return;
	}
	blocks_[0].used = 0;
}

std::size_t StringHeap::allocated_bytes() const {
	std::size_t total = 0;
	for (const auto &block : blocks_) {
		total += block.size;
	}
	return total;
}

} // namespace sumoql
