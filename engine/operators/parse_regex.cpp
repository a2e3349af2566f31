#include "engine/operators/parse_regex.hpp"

namespace sumoql {

ParseRegexOperator::ParseRegexOperator(ParseSettings settings, std::vector<Pattern> patterns)
    : settings_(settings), patterns_(std::move(patterns)), matched_(kVectorSize), captures_(patterns_.size()) {
	for (idx_t i = 0; i < patterns_.size(); i++) {
		captures_[i].resize(patterns_[i].group_slots.size() + 1);
	}
}

void ParseRegexOperator::Execute(DataChunk &chunk) {
	for (const auto &pattern : patterns_) {
		for (idx_t slot : pattern.group_slots) {
			PrepareStringSlot(chunk, slot);
		}
	}

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		bool all_matched = ReadParseInput(chunk, settings_.input_slot, row, text);
		re2::StringPiece input(text.data(), text.size());

		for (idx_t p = 0; all_matched && p < patterns_.size(); p++) {
			auto &captures = captures_[p];
			all_matched = patterns_[p].regex->Match(input, 0, input.size(), RE2::UNANCHORED, captures.data(),
			                                        static_cast<int>(captures.size()));
		}
		matched_[i] = all_matched ? 1 : 0;
		if (!all_matched) {
			continue;
		}

		for (idx_t p = 0; p < patterns_.size(); p++) {
			const auto &slots = patterns_[p].group_slots;
			for (idx_t group = 0; group < slots.size(); group++) {
				const re2::StringPiece &capture = captures_[p][group + 1];
				Vector &column = chunk.columns[slots[group]];
				// A group that took no part in the match, such as `(?<x>a)?`, leaves a null.
				if (capture.data() == nullptr) {
					column.validity().SetInvalid(row);
					continue;
				}
				column.strings()[row] = std::string_view(capture.data(), capture.size());
				column.validity().SetValid(row);
			}
		}
	}

	ApplyParseOutcome(chunk, settings_, matched_);
}

} // namespace sumoql
