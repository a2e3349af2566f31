#pragma once

#include "engine/lookup/lookup_table.hpp"
#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sumoql {

struct LookupSettings {
	std::shared_ptr<const LookupTable> table;
	//! The event fields of the `on` list, and the table column each is matched with.
	std::vector<idx_t> key_slots;
	std::vector<idx_t> key_columns;
	//! The table columns to output, and the slot each goes to.
	std::vector<idx_t> output_columns;
	std::vector<idx_t> output_slots;
};

//! `lookup a, b from path://"..." on f=k`: for each row, finds the first table row whose key
//! columns equal the row's `on` fields case-insensitively, and writes the output columns. A row
//! without a match is kept, and its output fields become null.
class LookupOperator : public PhysicalOperator {
public:
	explicit LookupOperator(LookupSettings settings);

	void Execute(DataChunk &chunk) override;

private:
	//! Returns the table row whose key is `key`, or -1.
	std::int64_t FindRow(std::string_view key) const;

	LookupSettings settings_;
	//! Table rows by their encoded, case-folded key; the first row of a key wins.
	GroupMap<idx_t> rows_by_key_;
	std::string key_;
	std::vector<std::int64_t> matches_;
};

} // namespace sumoql
