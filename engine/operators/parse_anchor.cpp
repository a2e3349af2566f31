#include "engine/operators/parse_anchor.hpp"

namespace sumoql {

ParseAnchorOperator::ParseAnchorOperator(ParseSettings settings, std::string_view pattern, std::vector<idx_t> slots)
    : settings_(settings), slots_(std::move(slots)), captures_(slots_.size()), matched_(kVectorSize) {
	std::size_t start = 0;
	while (true) {
		std::size_t star = pattern.find('*', start);
		literals_.emplace_back(pattern.substr(start, star == std::string_view::npos ? pattern.npos : star - start));
		if (star == std::string_view::npos) {
			break;
		}
		start = star + 1;
	}
}

bool ParseAnchorOperator::MatchRow(std::string_view text) {
	std::size_t position = 0;
	if (!literals_[0].empty()) {
		position = text.find(literals_[0]);
		if (position == std::string_view::npos) {
			return false;
		}
		position += literals_[0].size();
	}

	for (idx_t i = 0; i < captures_.size(); i++) {
		const std::string &next = literals_[i + 1];
		bool is_last = i + 1 == captures_.size();
		if (next.empty() && is_last) {
			captures_[i] = text.substr(position);
			position = text.size();
			continue;
		}
		std::size_t found = text.find(next, position);
		if (found == std::string_view::npos) {
			return false;
		}
		captures_[i] = text.substr(position, found - position);
		position = found + next.size();
	}
	return true;
}

void ParseAnchorOperator::Execute(DataChunk &chunk) {
	for (idx_t slot : slots_) {
		PrepareStringSlot(chunk, slot);
	}

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		bool matched = ReadParseInput(chunk, settings_.input_slot, row, text) && MatchRow(text);
		matched_[i] = matched ? 1 : 0;
		if (!matched) {
			continue;
		}
		for (idx_t c = 0; c < slots_.size(); c++) {
			Vector &column = chunk.columns[slots_[c]];
			column.strings()[row] = captures_[c];
			column.validity().SetValid(row);
		}
	}

	ApplyParseOutcome(chunk, settings_, matched_);
}

} // namespace sumoql
