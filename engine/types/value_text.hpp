#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/vector.hpp"

#include <string_view>

namespace sumoql {

//! Returns the value of valid row `row` as text: strings unchanged, numbers as Sumo prints them
//! (written into `chunk`'s heap), booleans as "true" or "false". A null vector gives "".
std::string_view ValueAsText(const Vector &vector, idx_t row, DataChunk &chunk);

} // namespace sumoql
