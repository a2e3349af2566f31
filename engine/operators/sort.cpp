#include "engine/operators/sort.hpp"

#include "engine/types/number_text.hpp"

#include <algorithm>
#include <numeric>

namespace sumoql {

namespace {

//! Orders two values for one key in ascending order. Nulls are handled by the caller.
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

//! The type an output column takes for a run of held values: their common type, or string when
//! they differ.
LogicalType OutputType(const std::vector<Value> &values, const std::vector<idx_t> &order, idx_t begin, idx_t end) {
	LogicalType type = LogicalType::kNull;
	for (idx_t i = begin; i < end; i++) {
		LogicalType value_type = values[order[i]].type;
		if (value_type == LogicalType::kNull || value_type == type) {
			continue;
		}
		type = type == LogicalType::kNull ? value_type : LogicalType::kString;
	}
	return type;
}

} // namespace

SortOperator::SortOperator(std::vector<SortKeySlot> keys) : keys_(std::move(keys)) {
}

void SortOperator::Sink(DataChunk &chunk) {
	if (columns_.size() < chunk.column_count()) {
		columns_.resize(chunk.column_count(), std::vector<Value>(row_count_));
	}
	for (idx_t slot = 0; slot < columns_.size(); slot++) {
		const Vector &vector = chunk.columns[slot];
		auto &held = columns_[slot];
		for (idx_t i = 0; i < chunk.count; i++) {
			Value value = Value::FromVector(vector, chunk.selection.Get(i));
			if (value.type == LogicalType::kString) {
				value.string = heap_.AddString(value.string);
			}
			held.push_back(value);
		}
	}
	row_count_ += chunk.count;
}

bool SortOperator::RowLess(idx_t a, idx_t b) const {
	for (const auto &key : keys_) {
		const Value &left = columns_[key.slot][a];
		const Value &right = columns_[key.slot][b];
		if (left.is_null() || right.is_null()) {
			if (left.is_null() != right.is_null()) {
				return right.is_null();
			}
			continue;
		}
		int order = CompareForSort(left, right);
		if (order != 0) {
			return key.descending ? order > 0 : order < 0;
		}
	}
	return false;
}

bool SortOperator::GetData(DataChunk &chunk) {
	if (!sorted_) {
		order_.resize(row_count_);
		std::iota(order_.begin(), order_.end(), idx_t {0});
		std::stable_sort(order_.begin(), order_.end(), [this](idx_t a, idx_t b) { return RowLess(a, b); });
		sorted_ = true;
	}
	if (next_output_ >= row_count_) {
		return false;
	}

	idx_t begin = next_output_;
	idx_t end = std::min(row_count_, begin + kVectorSize);
	for (idx_t slot = 0; slot < columns_.size(); slot++) {
		const auto &held = columns_[slot];
		Vector &vector = chunk.columns[slot];
		vector.SetType(OutputType(held, order_, begin, end));
		if (vector.type() == LogicalType::kNull) {
			continue;
		}
		for (idx_t i = begin; i < end; i++) {
			Value value = held[order_[i]];
			if (!value.is_null() && value.type != vector.type()) {
				char buffer[32];
				value.string = value.type == LogicalType::kNumber
				                   ? chunk.heap.AddString({buffer, FormatNumberTo(value.number, buffer)})
				                   : std::string_view(value.boolean ? "true" : "false");
				value.type = LogicalType::kString;
			}
			value.WriteTo(vector, i - begin);
		}
	}

	chunk.SetRowCount(end - begin);
	next_output_ = end;
	return true;
}

} // namespace sumoql
