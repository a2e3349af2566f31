#pragma once

#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"
#include "grammar/source_span.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sumoql {

struct DedupSettings {
	//! The `by` fields, or `_raw` when the query names none.
	std::vector<idx_t> key_slots;
	//! Rows kept per distinct key (`dedup 3 by f`), 1 by default.
	idx_t keep_count = 1;
	//! `consecutive`: only rows next to each other with the same key count as duplicates.
	bool consecutive = false;
	//! The maximum number of input rows when the input is raw messages rather than aggregate rows.
	std::optional<idx_t> max_rows;
	//! The query position that the error about too many rows points at.
	SourceSpan span;
};

//! `dedup [consecutive] [N] [by a, b]`: keeps the first N rows of each distinct combination of
//! the key fields, in input order, and drops the rest. Holds one counter per distinct key.
class DedupOperator : public PhysicalOperator {
public:
	explicit DedupOperator(DedupSettings settings) : settings_(std::move(settings)) {
	}

	bool NeedsOrderedInput() const override {
		return true;
	}

	void Execute(DataChunk &chunk) override;

private:
	bool KeepRow(const DataChunk &chunk, sel_t row);

	DedupSettings settings_;
	idx_t rows_seen_ = 0;
	GroupMap<idx_t> kept_per_key_;
	std::string key_;
	//! With `consecutive`: the key of the previous row and how many rows in a row had it.
	std::string previous_key_;
	idx_t run_length_ = 0;
	SelectionVector kept_;
};

} // namespace sumoql
