#pragma once

#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"
#include "engine/operators/row_buffer.hpp"
#include "grammar/source_span.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sumoql {

struct TotalSettings {
	idx_t input_slot = 0;
	idx_t output_slot = 0;
	//! The `by` fields: each row gets the total of the rows that share its values of them.
	std::vector<idx_t> key_slots;
	idx_t max_rows = 0;
	//! The query position that the error about too many rows points at.
	SourceSpan span;
};

//! `total f [as name] [by a, b]`: adds to every row the sum of f over all rows, or over the rows
//! of its group. Values that are not numbers are left out of the sum, and their rows are kept.
//! Every row must be seen before the first can be output, so the operator buffers the rows, at
//! most `max_rows` of them.
class TotalOperator : public PhysicalOperator {
public:
	explicit TotalOperator(TotalSettings settings) : settings_(std::move(settings)) {
	}

	bool IsPipelineBreaker() const override {
		return true;
	}

	void Sink(DataChunk &chunk) override;

	bool GetData(DataChunk &chunk) override;

private:
	struct Group {
		double sum = 0;
		bool has_number = false;
	};

	void WriteTotals();

	TotalSettings settings_;
	RowBuffer rows_;
	//! The group of each held row, as an index into groups_.
	std::vector<std::uint32_t> row_groups_;
	std::vector<Group> groups_;
	GroupMap<std::uint32_t> group_indexes_;
	std::string key_;
	std::vector<idx_t> order_;
	idx_t next_output_ = 0;
};

} // namespace sumoql
