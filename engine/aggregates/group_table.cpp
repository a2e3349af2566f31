#include "engine/aggregates/group_table.hpp"

#include <bit>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace sumoql {

namespace {

constexpr idx_t kInitialBucketCount = 1024;

std::uint64_t MixHash(std::uint64_t seed, std::uint64_t value) {
	// The finaliser of MurmurHash3, applied to the combined value.
	std::uint64_t hash = seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
	hash ^= hash >> 33;
	hash *= 0xff51afd7ed558ccdULL;
	hash ^= hash >> 33;
	hash *= 0xc4ceb9fe1a85ec53ULL;
	hash ^= hash >> 33;
	return hash;
}

std::uint64_t HashValue(const Vector &vector, sel_t row) {
	if (vector.type() == LogicalType::kNull || !vector.validity().RowIsValid(row)) {
		return 0;
	}
	switch (vector.type()) {
	case LogicalType::kString:
		return std::hash<std::string_view> {}(vector.strings()[row]);
	case LogicalType::kNumber: {
		// 0.0 and -0.0 compare equal, so they must hash alike.
		double number = vector.numbers()[row] == 0 ? 0.0 : vector.numbers()[row];
		return std::bit_cast<std::uint64_t>(number) ^ 0x5bd1e995ULL;
	}
	case LogicalType::kBoolean:
		return vector.booleans()[row] ? 3 : 2;
	case LogicalType::kNull:
		break;
	}
	return 0;
}

bool ValueEquals(const Value &key, const Vector &vector, sel_t row) {
	bool valid = vector.type() != LogicalType::kNull && vector.validity().RowIsValid(row);
	if (!valid || key.is_null()) {
		return !valid && key.is_null();
	}
	if (key.type != vector.type()) {
		return false;
	}
	switch (key.type) {
	case LogicalType::kString:
		return key.string == vector.strings()[row];
	case LogicalType::kNumber:
		return key.number == vector.numbers()[row];
	case LogicalType::kBoolean:
		return key.boolean == static_cast<bool>(vector.booleans()[row]);
	case LogicalType::kNull:
		break;
	}
	return true;
}

} // namespace

GroupTable::GroupTable(std::vector<idx_t> key_slots)
    : key_slots_(std::move(key_slots)), keys_(key_slots_.size()), buckets_(kInitialBucketCount, 0),
      row_hashes_(kVectorSize) {
}

void GroupTable::HashKeys(const DataChunk &chunk) {
	std::fill(row_hashes_.begin(), row_hashes_.begin() + chunk.count, 0);
	for (idx_t slot : key_slots_) {
		const Vector &vector = chunk.columns[slot];
		for (idx_t i = 0; i < chunk.count; i++) {
			row_hashes_[i] = MixHash(row_hashes_[i], HashValue(vector, chunk.selection.Get(i)));
		}
	}
}

bool GroupTable::KeyEquals(idx_t group, const DataChunk &chunk, sel_t row) const {
	for (idx_t k = 0; k < key_slots_.size(); k++) {
		if (!ValueEquals(keys_[k][group], chunk.columns[key_slots_[k]], row)) {
			return false;
		}
	}
	return true;
}

idx_t GroupTable::AddGroup(const DataChunk &chunk, sel_t row, std::uint64_t hash) {
	if (group_count_ >= UINT32_MAX - 1) {
		throw std::length_error("a group-by stage has more than 4 billion groups");
	}
	for (idx_t k = 0; k < key_slots_.size(); k++) {
		Value key = Value::FromVector(chunk.columns[key_slots_[k]], row);
		if (key.type == LogicalType::kString) {
			key.string = heap_.AddString(key.string);
		}
		keys_[k].push_back(key);
	}
	group_hashes_.push_back(hash);
	return group_count_++;
}

void GroupTable::Grow() {
	std::vector<std::uint32_t> grown(buckets_.size() * 2, 0);
	std::uint64_t mask = grown.size() - 1;
	for (idx_t group = 0; group < group_count_; group++) {
		std::uint64_t bucket = group_hashes_[group] & mask;
		while (grown[bucket] != 0) {
			bucket = (bucket + 1) & mask;
		}
		grown[bucket] = static_cast<std::uint32_t>(group + 1);
	}
	buckets_ = std::move(grown);
}

void GroupTable::FindOrAddGroups(const DataChunk &chunk, idx_t *groups) {
	HashKeys(chunk);
	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::uint64_t hash = row_hashes_[i];
		std::uint64_t mask = buckets_.size() - 1;
		std::uint64_t bucket = hash & mask;
		while (true) {
			std::uint32_t entry = buckets_[bucket];
			if (entry == 0) {
				idx_t group = AddGroup(chunk, row, hash);
				buckets_[bucket] = static_cast<std::uint32_t>(group + 1);
				groups[i] = group;
				if (group_count_ * 2 > buckets_.size()) {
					Grow();
				}
				break;
			}
			idx_t group = entry - 1;
			if (group_hashes_[group] == hash && KeyEquals(group, chunk, row)) {
				groups[i] = group;
				break;
			}
			bucket = (bucket + 1) & mask;
		}
	}
}

} // namespace sumoql
