#include "engine/operators/top.hpp"

#include <algorithm>

namespace sumoql {

bool TopOperator::GetData(DataChunk &chunk) {
	if (rows_output_ >= count_ || !sort_.GetData(chunk)) {
		return false;
	}

	idx_t kept = std::min<idx_t>(chunk.row_count, count_ - rows_output_);
	chunk.SetRowCount(kept);
	rows_output_ += kept;
	return true;
}

} // namespace sumoql
