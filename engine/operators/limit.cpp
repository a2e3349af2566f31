#include "engine/operators/limit.hpp"

#include <algorithm>

namespace sumoql {

void LimitOperator::Execute(DataChunk &chunk) {
	// The selection lists rows in input order, so its first entries are the rows to keep.
	idx_t kept = std::min(chunk.count, limit_ - passed_);
	chunk.count = kept;
	passed_ += kept;
}

} // namespace sumoql
