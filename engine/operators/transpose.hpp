#pragma once

#include "engine/execution/schema.hpp"
#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"
#include "engine/operators/row_buffer.hpp"
#include "grammar/source_span.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sumoql {

struct OutputLayout;

struct TransposeSettings {
	std::vector<idx_t> row_slots;
	std::vector<idx_t> column_slots;
	//! The one field whose values fill the cells.
	idx_t value_slot = 0;
	//! The maximum number of fields the operator may create from column values.
	idx_t max_columns = 0;
	//! The query position that the error about too many columns points at.
	SourceSpan span;
};

//! `transpose row a column b`: one output row per distinct row key, in first-seen order, with one
//! field per distinct column key value holding the value field of the input row that has both
//! keys. The fields it creates exist only once the input has ended, so it adds them to the
//! query's schema then, and to the output layout when the layout includes them.
class TransposeOperator : public PhysicalOperator {
public:
	TransposeOperator(TransposeSettings settings, Schema &schema, OutputLayout &layout)
	    : settings_(std::move(settings)), schema_(schema), layout_(layout) {
	}

	bool IsPipelineBreaker() const override {
		return true;
	}

	void Sink(DataChunk &chunk) override;

	bool GetData(DataChunk &chunk) override;

private:
	void BuildOutput();
	std::string ColumnName(DataChunk &chunk, sel_t row) const;

	TransposeSettings settings_;
	Schema &schema_;
	OutputLayout &layout_;
	//! The output rows: row keys and cells, one held row per distinct row key.
	RowBuffer output_;
	GroupMap<idx_t> output_rows_;
	//! Each cell's column name, output row and value, in input order.
	struct Cell {
		std::string column;
		idx_t row;
		Value value;
	};
	std::vector<Cell> cells_;
	RowBuffer values_;
	std::string key_;
	std::vector<idx_t> order_;
	bool built_ = false;
	idx_t next_output_ = 0;
};

} // namespace sumoql
