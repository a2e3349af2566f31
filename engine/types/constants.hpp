#pragma once

#include <cstddef>
#include <cstdint>

namespace sumoql {

//! Row index inside a chunk or a result set.
using idx_t = std::size_t;
//! Entry of a selection vector: a row index inside one chunk.
using sel_t = std::uint32_t;

//! Rows per chunk. A power of two, so validity masks are whole 64-bit words.
constexpr idx_t kVectorSize = 1024;

} // namespace sumoql
