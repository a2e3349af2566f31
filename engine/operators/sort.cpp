#include "engine/operators/sort.hpp"

#include <algorithm>
#include <numeric>

namespace sumoql {

int CompareForSort(const Value &a, const Value &b) {
	if (a.type != b.type) {
		// Numbers before strings before booleans.
		auto rank = [](LogicalType type) { return type == LogicalType::kNumber ? 0 : (type == LogicalType::kString ? 1 : 2); };
		return rank(a.type) < rank(b.type) ? -1 : 1;
	}
	switch (a.type) {
	case LogicalType::kNumber:
		return a.number < b.number ? -1 : (b.number < a.number ? 1 : 0);
	case LogicalType::kString: {
		int order = a.string.compare(b.string);
		return order < 0 ? -1 : (order > 0 ? 1 : 0);
	}
	case LogicalType::kBoolean:
		return static_cast<int>(a.boolean) - static_cast<int>(b.boolean);
	case LogicalType::kNull:
		break;
	}
	return 0;
}

int CompareSortKeyValues(const Value &a, const Value &b, bool descending) {
	if (a.is_null() || b.is_null()) {
		return a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);
	}
	int order = CompareForSort(a, b);
	return descending ? -order : order;
}

bool RowComesFirst(const RowBuffer &rows, const std::vector<SortKeySlot> &keys, idx_t a, idx_t b) {
	for (const auto &key : keys) {
		int order = CompareSortKeyValues(rows.Get(key.slot, a), rows.Get(key.slot, b), key.descending);
		if (order != 0) {
			return order < 0;
		}
	}
	return false;
}

SortOperator::SortOperator(std::vector<SortKeySlot> keys) : keys_(std::move(keys)) {
}

void SortOperator::Sink(DataChunk &chunk) {
	rows_.Append(chunk);
}

bool SortOperator::GetData(DataChunk &chunk) {
	if (!sorted_) {
		order_.resize(rows_.row_count());
		std::iota(order_.begin(), order_.end(), idx_t {0});
		std::stable_sort(order_.begin(), order_.end(),
		                 [this](idx_t a, idx_t b) { return RowComesFirst(rows_, keys_, a, b); });
		sorted_ = true;
	}
	return rows_.WriteNextRows(order_, next_output_, chunk);
}

} // namespace sumoql
