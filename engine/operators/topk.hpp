#pragma once

#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"
#include "engine/operators/row_buffer.hpp"
#include "engine/operators/sort.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sumoql {

struct TopkSettings {
	idx_t count = 0;
	//! The fields to rank by, each largest first.
	std::vector<SortKeySlot> ranked;
	std::vector<idx_t> key_slots;
	idx_t rank_slot = 0;
};

//! `topk(n, a, b) by g`: keeps the n rows with the largest a (then b) in each group of g and
//! numbers them 1 to n in `_rank`. Groups come in first-seen order, and rows that tie keep their
//! input order.
//! NOTE: every input row is held until the input ends, not only n per group. Aggregate rows are
//! few, but topk directly over raw events buffers them all.
class TopkOperator : public PhysicalOperator {
public:
	explicit TopkOperator(TopkSettings settings) : settings_(std::move(settings)) {
	}

	bool IsPipelineBreaker() const override {
		return true;
	}

	void Sink(DataChunk &chunk) override;

	bool GetData(DataChunk &chunk) override;

private:
	void Rank();

	TopkSettings settings_;
	RowBuffer rows_;
	//! The group of each held row, numbered in first-seen order.
	std::vector<std::uint32_t> row_groups_;
	GroupMap<std::uint32_t> group_indexes_;
	std::string key_;
	std::vector<idx_t> order_;
	bool ranked_ = false;
	idx_t next_output_ = 0;
};

} // namespace sumoql
