#pragma once

#include "engine/types/constants.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! A lookup table read from a CSV file whose first line names the columns, as Sumo Logic's
//! lookup tables are uploaded. Every cell is text, and an empty cell is null.
class LookupTable {
public:
	//! Reads `file`. Throws InputError when it cannot be read, has no header, names a column
	//! twice, or has a row whose cell count differs from the header's.
	static std::shared_ptr<const LookupTable> Load(const std::string &file);

	//! Returns a table with these columns and no rows, which replaces an unmapped table
	//! when a query is only checked.
	static std::shared_ptr<const LookupTable> Empty(std::vector<std::string> columns);

	//! The column names in file order, with surrounding spaces removed.
	const std::vector<std::string> &columns() const {
		return columns_;
	}

	//! Returns the index of the column named `name`, compared case-insensitively.
	std::optional<idx_t> FindColumn(std::string_view name) const;

	idx_t row_count() const {
		return rows_.size();
	}

	//! Returns the cell of `row` and `column`, or nullopt for an empty cell.
	std::optional<std::string_view> Cell(idx_t row, idx_t column) const;

private:
	friend struct CsvRowCollector;

	std::vector<std::string> columns_;
	std::vector<std::vector<std::string>> rows_;
};

} // namespace sumoql
