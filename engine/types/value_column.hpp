#pragma once

#include "engine/types/string_heap.hpp"
#include "engine/types/value.hpp"

#include <span>

namespace sumoql {

//! Writes `values` to rows 0 .. size - 1 of `vector`. The vector takes the values' common type;
//! when they differ, numbers and booleans are written as the text a result row prints, with the
//! text's bytes in `heap`. Nulls stay null.
void WriteValueColumn(std::span<const Value> values, Vector &vector, StringHeap &heap);

} // namespace sumoql
