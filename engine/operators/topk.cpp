#include "engine/operators/topk.hpp"

#include <algorithm>
#include <numeric>

namespace sumoql {

void TopkOperator::Sink(DataChunk &chunk) {
	for (idx_t i = 0; i < chunk.count; i++) {
		BuildGroupKey(chunk, chunk.selection.Get(i), settings_.key_slots, key_);
		auto found = group_indexes_.find(std::string_view(key_));
		if (found == group_indexes_.end()) {
			found = group_indexes_.emplace(key_, static_cast<std::uint32_t>(group_indexes_.size())).first;
		}
		row_groups_.push_back(found->second);
	}
	rows_.Append(chunk);
}

void TopkOperator::Rank() {
	std::vector<idx_t> all(rows_.row_count());
	std::iota(all.begin(), all.end(), idx_t {0});
	std::stable_sort(all.begin(), all.end(), [this](idx_t a, idx_t b) {
		if (row_groups_[a] != row_groups_[b]) {
			return row_groups_[a] < row_groups_[b];
		}
		return RowComesFirst(rows_, settings_.ranked, a, b);
	});

	idx_t rank = 0;
	for (idx_t i = 0; i < all.size(); i++) {
		rank = i > 0 && row_groups_[all[i]] == row_groups_[all[i - 1]] ? rank + 1 : 1;
		if (rank > settings_.count) {
			continue;
		}
		Value value;
		value.type = LogicalType::kNumber;
		value.number = static_cast<double>(rank);
		rows_.Set(settings_.rank_slot, all[i], value);
		order_.push_back(all[i]);
	}
	ranked_ = true;
}

bool TopkOperator::GetData(DataChunk &chunk) {
	if (!ranked_) {
		Rank();
	}
	return rows_.WriteNextRows(order_, next_output_, chunk);
}

} // namespace sumoql
