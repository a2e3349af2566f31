#pragma once

#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"
#include "engine/operators/row_buffer.hpp"
#include "grammar/source_span.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sumoql {

enum class FillGeneratorKind { kTimeslice, kValues, kAllValues };

struct FillGeneratorSettings {
	FillGeneratorKind kind = FillGeneratorKind::kValues;
	//! The key field that the generator fills.
	idx_t slot = 0;
	//! Timeslice: the slice width in milliseconds.
	double width_ms = 0;
	//! Values: the listed values.
	std::vector<std::string> values;
};

//! The value that added rows get in one non-key field.
struct FillDefault {
	idx_t slot = 0;
	//! Set by `with V for f`. Unset, the value depends on the field's type: 0 for a number,
	//! false for a boolean and null otherwise.
	std::optional<Value> constant;
	//! The bytes of a string constant.
	std::string constant_text;
	//! True when the field always contains numbers, as the results of `count` and `sum` do.
	bool numeric = false;
};

struct FillmissingSettings {
	std::vector<FillGeneratorSettings> generators;
	std::vector<FillDefault> defaults;
	//! `takeLast`: the index in `generators` of the timeslice generator whose previous slice
	//! gives the non-key values.
	std::optional<idx_t> take_last_from;
	//! The query time range, epoch milliseconds: timeslice generators cover it when it is set,
	//! and the slices of the rows otherwise.
	std::optional<std::int64_t> from_ms;
	std::optional<std::int64_t> to_ms;
	//! The largest number of combinations the generators may enumerate.
	idx_t max_combinations = 0;
	//! The query position that the error about too many combinations points at.
	SourceSpan span;
};

//! `fillmissing values("a", "b") in f, timeslice(1m) with 0 for _count`: passes every row on, and
//! when the input ends adds a row for each combination of generated key values that no row had.
//! Combinations are enumerated with the first generator varying slowest, and key values compare
//! by their text, so the generated "200" matches a number 200.
class FillmissingOperator : public PhysicalOperator {
public:
	explicit FillmissingOperator(FillmissingSettings settings);

	bool NeedsOrderedInput() const override {
		return true;
	}

	void Execute(DataChunk &chunk) override;

	bool GetData(DataChunk &chunk) override;

private:
	void ObserveRow(const DataChunk &chunk, sel_t row, std::optional<idx_t> held_row);
	std::optional<std::pair<double, double>> SliceRange(idx_t generator) const;
	double CountValues(idx_t generator) const;
	std::vector<Value> GeneratedValues(idx_t generator) const;
	void CheckCombinationCount() const;
	void AddMissingRows();
	void FillNonKeyFields(std::vector<Value> combination, idx_t row);
	void EncodeKey(const std::vector<Value> &combination);

	FillmissingSettings settings_;
	//! The row that contains the non-key values of a combination. It is an input row, kept only
	//! for takeLast, or an added row.
	struct KeyRow {
		bool added = false;
		std::optional<idx_t> row;
	};
	//! The encoded key of every input row and added row.
	GroupMap<KeyRow> rows_by_key_;
	RowBuffer input_rows_;
	//! Per generator: the distinct values seen, in first-seen order, and the first and last slice.
	std::vector<std::vector<Value>> seen_values_;
	std::vector<GroupMap<bool>> seen_keys_;
	std::vector<std::optional<double>> first_slice_;
	std::vector<std::optional<double>> last_slice_;
	//! Per default: the type of the first non-null value of the field.
	std::vector<LogicalType> seen_types_;
	StringHeap heap_;
	std::string key_;

	RowBuffer added_rows_;
	std::vector<idx_t> order_;
	bool added_ = false;
	idx_t next_output_ = 0;
};

} // namespace sumoql
