#include "engine/operators/parse_regex.hpp"

namespace sumoql {

ParseRegexOperator::ParseRegexOperator(ParseSettings settings, std::vector<Pattern> patterns, bool multi)
    : settings_(settings), patterns_(std::move(patterns)), multi_(multi), matched_(kVectorSize),
      captures_(patterns_.size()) {
	for (idx_t i = 0; i < patterns_.size(); i++) {
		captures_[i].resize(patterns_[i].group_slots.size() + 1);
	}
}

void ParseRegexOperator::StoreCaptures(idx_t p, DataChunk &chunk, sel_t row) {
	const auto &slots = patterns_[p].group_slots;
	for (idx_t group = 0; group < slots.size(); group++) {
		const re2::StringPiece &capture = captures_[p][group + 1];
		Vector &column = chunk.columns[slots[group]];
		if (capture.data() == nullptr) {
			column.validity().SetInvalid(row);
			continue;
		}
		column.strings()[row] = std::string_view(capture.data(), capture.size());
		column.validity().SetValid(row);
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
			StoreCaptures(p, chunk, row);
		}
	}

	ApplyParseOutcome(chunk, settings_, matched_);
}

void ParseRegexOperator::StartOutput(const DataChunk &input) {
	if (output_.column_count() != input.column_count()) {
		output_.Initialize(input.column_count());
	}
	output_.Reset();
	output_count_ = 0;
	for (idx_t slot = 0; slot < input.column_count(); slot++) {
		Vector &column = output_.columns[slot];
		column.SetType(input.columns[slot].type());
		column.validity().SetAllInvalid();
	}
}

sel_t ParseRegexOperator::AppendOutputRow(const DataChunk &input, sel_t row) {
	auto output_row = static_cast<sel_t>(output_count_++);
	for (idx_t slot = 0; slot < input.column_count(); slot++) {
		const Vector &from = input.columns[slot];
		Vector &to = output_.columns[slot];
		if (from.type() == LogicalType::kNull || !from.validity().RowIsValid(row)) {
			continue;
		}
		switch (from.type()) {
		case LogicalType::kString:
			to.strings()[output_row] = from.strings()[row];
			break;
		case LogicalType::kNumber:
			to.numbers()[output_row] = from.numbers()[row];
			break;
		case LogicalType::kBoolean:
			to.booleans()[output_row] = from.booleans()[row];
			break;
		case LogicalType::kNull:
			break;
		}
		to.validity().SetValid(output_row);
	}
	output_.parse_matched[output_row] = input.parse_matched[row];
	return output_row;
}

void ParseRegexOperator::FlushOutput(const DataChunk &input, const std::function<void(DataChunk &)> &emit) {
	if (output_count_ == 0) {
		return;
	}
	output_.SetRowCount(output_count_);
	ApplyParseOutcome(output_, settings_, matched_);
	if (output_.count > 0) {
		emit(output_);
	}
	// Later stages may have changed the column types of the output chunk.
	StartOutput(input);
}

void ParseRegexOperator::Expand(DataChunk &input, const std::function<void(DataChunk &)> &emit) {
	for (idx_t slot : patterns_[0].group_slots) {
		PrepareStringSlot(input, slot);
	}
	StartOutput(input);

	const RE2 &regex = *patterns_[0].regex;
	auto &captures = captures_[0];
	for (idx_t i = 0; i < input.count; i++) {
		sel_t row = input.selection.Get(i);
		std::string_view text;
		bool has_input = ReadParseInput(input, settings_.input_slot, row, text);
		re2::StringPiece subject(text.data(), text.size());

		std::size_t position = 0;
		bool any_match = false;
		while (has_input && position <= subject.size() &&
		       regex.Match(subject, position, subject.size(), RE2::UNANCHORED, captures.data(),
		                   static_cast<int>(captures.size()))) {
			any_match = true;
			matched_[output_count_] = 1;
			StoreCaptures(0, output_, AppendOutputRow(input, row));

			// The next search starts after this match, or one byte later after an empty match.
			std::size_t match_end = static_cast<std::size_t>(captures[0].data() - subject.data()) + captures[0].size();
			position = captures[0].empty() ? match_end + 1 : match_end;
			if (output_count_ == kVectorSize) {
				FlushOutput(input, emit);
			}
		}

		if (!any_match) {
			matched_[output_count_] = 0;
			AppendOutputRow(input, row);
			if (output_count_ == kVectorSize) {
				FlushOutput(input, emit);
			}
		}
	}
	FlushOutput(input, emit);
}

} // namespace sumoql
