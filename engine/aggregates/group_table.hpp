#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/string_heap.hpp"
#include "engine/types/value.hpp"

#include <cstdint>
#include <vector>

namespace sumoql {

//! The groups of a group-by stage: a hash table from the values of the key fields to a dense
//! group id, in the order groups were first seen. It holds one entry per group, with its key
//! strings copied into its own heap. Two keys are equal when their values have the same type
//! and value, so a null key is a group of its own, and text compares case-sensitively.
class GroupTable {
public:
	explicit GroupTable(std::vector<idx_t> key_slots);

	//! Writes the group id of each selected row of `chunk` to `groups`, adding groups for keys
	//! not seen before.
	void FindOrAddGroups(const DataChunk &chunk, idx_t *groups);

	idx_t group_count() const {
		return group_count_;
	}

	//! Returns key `key_index` of group `group`.
	const Value &Key(idx_t group, idx_t key_index) const {
		return keys_[key_index][group];
	}

private:
	void HashKeys(const DataChunk &chunk);
	bool KeyEquals(idx_t group, const DataChunk &chunk, sel_t row) const;
	idx_t AddGroup(const DataChunk &chunk, sel_t row, std::uint64_t hash);
	void Grow();

	std::vector<idx_t> key_slots_;
	//! Per key field, per group.
	std::vector<std::vector<Value>> keys_;
	std::vector<std::uint64_t> group_hashes_;
	idx_t group_count_ = 0;
	//! Open addressing with linear probing: a group id + 1, or 0 for an empty bucket. The bucket
	//! count is a power of two and at most half the buckets are used.
	std::vector<std::uint32_t> buckets_;
	StringHeap heap_;
	//! Per selected row of the chunk being processed.
	std::vector<std::uint64_t> row_hashes_;
};

} // namespace sumoql
