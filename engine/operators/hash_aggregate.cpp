#include "engine/operators/hash_aggregate.hpp"

#include "engine/types/value_column.hpp"

#include <algorithm>
#include <numeric>

namespace sumoql {

HashAggregateOperator::HashAggregateOperator(std::vector<idx_t> key_slots, std::vector<BoundAggregate> aggregates)
    : key_slots_(key_slots), aggregates_(std::move(aggregates)), groups_(std::move(key_slots)),
      row_groups_(kVectorSize) {
}

void HashAggregateOperator::OrderByFirstResultDescending(idx_t *dropped_groups) {
	order_by_first_result_ = true;
	dropped_groups_ = dropped_groups;
}

void HashAggregateOperator::Sink(DataChunk &chunk) {
	groups_.FindOrAddGroups(chunk, row_groups_.data());
	for (auto &aggregate : aggregates_) {
		aggregate.function->Resize(groups_.group_count());
		aggregate.function->Update(chunk, row_groups_.data());
	}
}

void HashAggregateOperator::Finalize() {
	idx_t group_count = groups_.group_count();
	output_order_.resize(group_count);
	std::iota(output_order_.begin(), output_order_.end(), idx_t {0});
	if (!order_by_first_result_ || aggregates_.empty()) {
		return;
	}

	std::vector<double> counts(group_count);
	for (idx_t group = 0; group < group_count; group++) {
		counts[group] = aggregates_.front().function->Finalize(group, 0).number;
	}
	std::stable_sort(output_order_.begin(), output_order_.end(),
	                 [&](idx_t a, idx_t b) { return counts[a] > counts[b]; });
	if (output_order_.size() > kCountFrequentMaxGroups) {
		if (dropped_groups_) {
			*dropped_groups_ += output_order_.size() - kCountFrequentMaxGroups;
		}
		output_order_.resize(kCountFrequentMaxGroups);
	}
}

bool HashAggregateOperator::GetData(DataChunk &chunk) {
	if (!finalized_) {
		Finalize();
		finalized_ = true;
	}
	if (next_output_ >= output_order_.size()) {
		return false;
	}

	idx_t begin = next_output_;
	idx_t end = std::min<idx_t>(output_order_.size(), begin + kVectorSize);
	std::vector<Value> batch(end - begin);

	for (idx_t k = 0; k < key_slots_.size(); k++) {
		for (idx_t i = begin; i < end; i++) {
			batch[i - begin] = groups_.Key(output_order_[i], k);
		}
		WriteValueColumn(batch, chunk.columns[key_slots_[k]], chunk.heap);
	}

	for (auto &aggregate : aggregates_) {
		for (idx_t output = 0; output < aggregate.output_slots.size(); output++) {
			for (idx_t i = begin; i < end; i++) {
				batch[i - begin] = aggregate.function->Finalize(output_order_[i], output);
			}
			WriteValueColumn(batch, chunk.columns[aggregate.output_slots[output]], chunk.heap);
		}
	}

	chunk.SetRowCount(end - begin);
	next_output_ = end;
	return true;
}

} // namespace sumoql
