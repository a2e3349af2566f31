#include "engine/operators/dedup.hpp"

#include "grammar/diagnostic.hpp"

#include <fmt/format.h>

namespace sumoql {

void DedupOperator::Execute(DataChunk &chunk) {
	if (settings_.max_rows && rows_seen_ + chunk.count > *settings_.max_rows) {
		throw QueryError({Diagnostic {
		    Severity::kError, settings_.span,
		    fmt::format("dedup received more than {} rows, the most Sumo Logic's dedup processes for raw messages",
		                *settings_.max_rows),
		    "narrow the search before dedup, or aggregate first (count by ...), which has no such limit"}});
	}
	rows_seen_ += chunk.count;

	idx_t kept_count = 0;
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		if (KeepRow(chunk, row)) {
			kept_.Set(kept_count++, row);
		}
	}
	chunk.Select(kept_, kept_count);
}

bool DedupOperator::KeepRow(const DataChunk &chunk, sel_t row) {
	BuildGroupKey(chunk, row, settings_.key_slots, key_);

	if (settings_.consecutive) {
		if (run_length_ > 0 && key_ == previous_key_) {
			run_length_++;
		} else {
			previous_key_.swap(key_);
			run_length_ = 1;
		}
		return run_length_ <= settings_.keep_count;
	}

	auto found = kept_per_key_.find(std::string_view(key_));
	if (found == kept_per_key_.end()) {
		kept_per_key_.emplace(key_, 1);
		return true;
	}
	return ++found->second <= settings_.keep_count;
}

} // namespace sumoql
