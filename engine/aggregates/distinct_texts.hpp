#pragma once

#include "engine/aggregates/aggregate_function.hpp"
#include "engine/types/string_heap.hpp"

#include <string_view>
#include <vector>

namespace sumoql {

//! The state shared by `count_distinct` and `values`: per group, a `Set` of the distinct
//! non-null values of one field, compared as the text a result row prints, so the number 3 and
//! the text "3" are one value. A value's bytes are copied once, when it is first seen.
template <typename Set>
class DistinctTextsFunction : public AggregateFunction {
public:
	explicit DistinctTextsFunction(idx_t slot) : slot_(slot) {
	}

	void Resize(idx_t group_count) override {
		distinct_.resize(group_count);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		const Vector &input = chunk.columns[slot_];
		char buffer[32];
		for (idx_t i = 0; i < chunk.count; i++) {
			auto text = ReadText(input, chunk.selection.Get(i), buffer);
			if (!text) {
				continue;
			}
			Set &seen = distinct_[groups[i]];
			if (seen.find(*text) == seen.end()) {
				seen.insert(heap_.AddString(*text));
			}
		}
	}

protected:
	idx_t slot_;
	//! Per group, views into `heap_`.
	std::vector<Set> distinct_;
	StringHeap heap_;
};

} // namespace sumoql
