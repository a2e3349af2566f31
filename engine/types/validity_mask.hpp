#pragma once

#include "engine/types/constants.hpp"

#include <array>
#include <cstdint>

namespace sumoql {

//! One bit per row of a chunk: set when the row has a value, clear when it is null.
class ValidityMask {
public:
	static constexpr idx_t kWordCount = kVectorSize / 64;

	void SetAllValid() {
		words_.fill(~std::uint64_t {0});
	}

	void SetAllInvalid() {
		words_.fill(0);
	}

	bool RowIsValid(idx_t row) const {
		return (words_[row / 64] >> (row % 64)) & 1;
	}

	void SetValid(idx_t row) {
		words_[row / 64] |= std::uint64_t {1} << (row % 64);
	}

	void SetInvalid(idx_t row) {
		words_[row / 64] &= ~(std::uint64_t {1} << (row % 64));
	}

	void Set(idx_t row, bool valid) {
		valid ? SetValid(row) : SetInvalid(row);
	}

private:
	std::array<std::uint64_t, kWordCount> words_ {};
};

} // namespace sumoql
