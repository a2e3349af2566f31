#pragma once

#include "engine/operators/parse_common.hpp"
#include "engine/operators/physical_operator.hpp"

#include <string>
#include <vector>

namespace sumoql {

//! `parse "user=*, role=*" as user, role`: the text between the `*`s is literal. The first
//! literal is searched for. Each `*` then takes the shortest text up to the next literal, and a
//! final `*` takes the rest of the input. A row matches only when every literal is found, and
//! matching is case-sensitive.
class ParseAnchorOperator : public PhysicalOperator {
public:
	//! `pattern` must have one `*` per slot and no `**` (the grammar checks both).
	ParseAnchorOperator(ParseSettings settings, std::string_view pattern, std::vector<idx_t> slots);

	void Execute(DataChunk &chunk) override;

private:
	bool MatchRow(std::string_view text);

	ParseSettings settings_;
	//! The literal pieces around the `*`s: one more than there are slots.
	std::vector<std::string> literals_;
	std::vector<idx_t> slots_;
	std::vector<std::string_view> captures_;
	std::vector<std::uint8_t> matched_;
};

} // namespace sumoql
