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
class ParseRegexOperator : public PhysicalOperator {
public:
	//! One compiled regex and, for each of its capturing groups (by group number - 1), the slot
	//! the group's text goes to.
	struct Pattern {
		std::unique_ptr<RE2> regex;
		std::vector<idx_t> group_slots;
	};

	ParseRegexOperator(ParseSettings settings, std::vector<Pattern> patterns);

	void Execute(DataChunk &chunk) override;

private:
	ParseSettings settings_;
	std::vector<Pattern> patterns_;
	std::vector<re2::StringPiece> groups_;
	std::vector<std::uint8_t> matched_;
	//! Captures of the row being parsed, per pattern, before it is known that all match.
	std::vector<std::vector<re2::StringPiece>> captures_;
};

} // namespace sumoql
