#pragma once

#include "engine/operators/parse_common.hpp"
#include "engine/operators/physical_operator.hpp"

#include <re2/re2.h>

#include <memory>
#include <vector>

namespace sumoql {

//! `parse regex "re1", "re2" [nodrop]` (also `extract`): each regex is searched from the start of
//! the input, and its named groups become fields. A row matches only when every regex matches;
//! otherwise no field is set, and the row is dropped unless the parse rules keep it.
//!
//! With `multi` there is one regex, and the operator outputs one copy of the row for each
//! match, left to right without overlap. A row without a match is output once, without the
//! fields, when the parse rules keep it.
class ParseRegexOperator : public PhysicalOperator {
public:
	//! One compiled regex and, for each of its capturing groups (by group number - 1), the slot
	//! the group's text goes to.
	struct Pattern {
		std::unique_ptr<RE2> regex;
		std::vector<idx_t> group_slots;
	};

	//! With `multi`, `patterns` must hold exactly one regex.
	ParseRegexOperator(ParseSettings settings, std::vector<Pattern> patterns, bool multi = false);

	void Execute(DataChunk &chunk) override;

	bool IsExpanding() const override {
		return multi_;
	}

	void Expand(DataChunk &input, const std::function<void(DataChunk &)> &emit) override;

private:
	//! Writes the captures of pattern `p` for `row`. A group that took no part in the match,
	//! such as `(?<x>a)?`, gives a null.
	void StoreCaptures(idx_t p, DataChunk &chunk, sel_t row);

	//! Makes the output chunk empty, with the column types of `input`.
	void StartOutput(const DataChunk &input);
	//! Copies row `row` of `input` to the next output row, which it returns.
	sel_t AppendOutputRow(const DataChunk &input, sel_t row);
	//! Applies the keep-or-drop rule to the output rows and passes them to `emit`.
	void FlushOutput(const DataChunk &input, const std::function<void(DataChunk &)> &emit);

	ParseSettings settings_;
	std::vector<Pattern> patterns_;
	bool multi_ = false;
	std::vector<std::uint8_t> matched_;
	//! Captures of the row being parsed, per pattern, before it is known that all match.
	std::vector<std::vector<re2::StringPiece>> captures_;
	//! With `multi`: the rows being output.
	DataChunk output_;
	idx_t output_count_ = 0;
};

} // namespace sumoql
