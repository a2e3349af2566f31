#pragma once

#include "engine/operators/physical_operator.hpp"

#include <string>
#include <vector>

namespace sumoql {

//! `split FIELD delim=':' extract 1 as user, 3 as host` and `csv FIELD extract ...`: splits the
//! input at each delimiter outside quotes and stores the listed columns. A quote character
//! starts and ends a quoted part, two quote characters inside one stand for one, and the escape
//! character makes the next character literal. Neither is kept in the value.
//!
//! The operator never drops a row. A column past the end of the input, or any column of a null
//! input, gives a null.
class SplitOperator : public PhysicalOperator {
public:
	struct Column {
		//! 0-based index into the split values.
		std::size_t index = 0;
		idx_t slot = 0;
	};

	SplitOperator(idx_t input_slot, char delimiter, char quote, char escape, std::vector<Column> columns);

	void Execute(DataChunk &chunk) override;

private:
	//! Fills `values_` with the values of `text`, up to the highest column index.
	void SplitText(std::string_view text);

	idx_t input_slot_;
	char delimiter_;
	char quote_;
	char escape_;
	std::vector<Column> columns_;
	std::size_t values_needed_ = 0;
	std::vector<std::string> values_;
};

} // namespace sumoql
