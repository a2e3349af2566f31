#include "engine/operators/where.hpp"

namespace sumoql {

void WhereOperator::Execute(DataChunk &chunk) {
	idx_t kept_count = condition_->Select(chunk, chunk.selection, chunk.count, kept_);
	if (kept_count == chunk.count) {
		return;
	}
	chunk.Select(kept_, kept_count);
}

} // namespace sumoql
