#include "engine/readers/mapped_file.hpp"

#include "engine/readers/input_error.hpp"
#include "engine/types/ascii.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sumoql {

namespace {

//! Closes a file descriptor at the end of its scope. A mapping stays valid after the close.
struct FileCloser {
	int fd;
	~FileCloser() {
		::close(fd);
	}
};

} // namespace

std::unique_ptr<MappedFile> MappedFile::Open(const std::string &path) {
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		throw InputError(path + ": cannot open: " + std::strerror(errno));
	}
	FileCloser closer {fd};

	struct stat status {};
	if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size == 0) {
		return nullptr;
	}
	unsigned char magic[2] = {};
	if (::pread(fd, magic, sizeof(magic), 0) == sizeof(magic) && magic[0] == 0x1f && magic[1] == 0x8b) {
		return nullptr;
	}

	// Reserve the file size plus the padding as zero pages, then map the file over the start of
	// that range. The kernel zero-fills the rest of the file's last page, and the pages after it
	// stay anonymous zero pages, so the padding is readable whatever the file size.
	auto file_size = static_cast<std::size_t>(status.st_size);
	auto page_size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
	std::size_t mapping_size = (file_size + LineSource::kPadding + page_size - 1) / page_size * page_size;
	void *region = ::mmap(nullptr, mapping_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		return nullptr;
	}
	if (::mmap(region, file_size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
		::munmap(region, mapping_size);
		return nullptr;
	}
	::madvise(region, file_size, MADV_SEQUENTIAL);
	return std::unique_ptr<MappedFile>(new MappedFile(static_cast<char *>(region), mapping_size, file_size));
}

MappedFile::MappedFile(char *mapping, std::size_t mapping_size, std::size_t file_size)
    : mapping_(mapping), mapping_size_(mapping_size), file_size_(file_size) {
	// Windows tools often start a file with a UTF-8 byte order mark.
	if (file_size_ >= 3 && std::memcmp(mapping_, "\xEF\xBB\xBF", 3) == 0) {
		position_ = 3;
	}
}

MappedFile::~MappedFile() {
	::munmap(mapping_, mapping_size_);
}

bool MappedFile::ReadBlock(InputBlock &block) {
	if (position_ >= file_size_) {
		return false;
	}

	// Cut after the last line break in the next kBlockSize bytes, or after the first line break
	// past them when one line is longer than that.
	const char *start = mapping_ + position_;
	std::size_t end = file_size_;
	if (file_size_ - position_ > kBlockSize) {
		const void *newline = ::memrchr(start, '\n', kBlockSize);
		if (!newline) {
			newline = std::memchr(start + kBlockSize, '\n', file_size_ - position_ - kBlockSize);
		}
		if (newline) {
			end = static_cast<std::size_t>(static_cast<const char *>(newline) - mapping_) + 1;
		}
	}

	block.owned_data.reset();
	block.data = start;
	block.size = end - position_;
	block.first_line.reset();
	// Reading a page also maps its neighbours (the kernel's fault-around), some of which lie in
	// the previous block and may be mapped again after that block released them. So a block
	// releases the pages up to kReleaseSlack bytes before its start too.
	std::size_t release_start = position_ > kReleaseSlack ? position_ - kReleaseSlack : 0;
	block.pages = MappedPages(mapping_ + release_start, end - release_start);
	position_ = end;
	return true;
}

char MappedFile::FirstByte() const {
	for (std::size_t i = position_; i < file_size_; i++) {
		if (!IsAsciiSpace(mapping_[i])) {
			return mapping_[i];
		}
	}
	return 0;
}

} // namespace sumoql
