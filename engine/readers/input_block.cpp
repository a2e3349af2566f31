#include "engine/readers/input_block.hpp"

#include "engine/readers/line_source.hpp"

#include <cstdint>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace sumoql {

MappedPages::MappedPages(const char *begin, std::size_t size) : begin_(const_cast<char *>(begin)), size_(size) {
}

MappedPages::~MappedPages() {
	Release();
}

MappedPages::MappedPages(MappedPages &&other) noexcept
    : begin_(std::exchange(other.begin_, nullptr)), size_(std::exchange(other.size_, 0)) {
}

MappedPages &MappedPages::operator=(MappedPages &&other) noexcept {
	if (this != &other) {
		Release();
		begin_ = std::exchange(other.begin_, nullptr);
		size_ = std::exchange(other.size_, 0);
	}
	return *this;
}

void MappedPages::Release() {
	if (!begin_) {
		return;
	}
	static const auto page_size = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
	auto address = reinterpret_cast<std::uintptr_t>(begin_);
	std::uintptr_t page_start = address - address % page_size;
	// A failure leaves the pages mapped, which costs memory but loses nothing.
	::madvise(reinterpret_cast<void *>(page_start), address + size_ - page_start, MADV_DONTNEED);
	begin_ = nullptr;
	size_ = 0;
}

void InputBlock::CopyFrom(const char *text, std::size_t text_size) {
	pages = MappedPages();
	owned_data = std::make_unique_for_overwrite<char[]>(text_size + LineSource::kPadding);
	std::memcpy(owned_data.get(), text, text_size);
	std::memset(owned_data.get() + text_size, 0, LineSource::kPadding);
	data = owned_data.get();
	size = text_size;
}

} // namespace sumoql
