#include "engine/expressions/text_search.hpp"

#include "engine/types/value_text.hpp"

namespace sumoql {

namespace {

bool IsAscii(std::string_view text) {
	unsigned char bits = 0;
	for (char c : text) {
		bits |= static_cast<unsigned char>(c);
	}
	return bits < 0x80;
}

} // namespace

BoundTextSearch::BoundTextSearch(SourceSpan span, idx_t slot, std::unique_ptr<RE2> regex,
                                 std::optional<WildcardPattern> ascii_pattern)
    : BoundExpression(span), slot_(slot), regex_(std::move(regex)), ascii_pattern_(std::move(ascii_pattern)) {
}

idx_t BoundTextSearch::Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                              SelectionVector &true_selection) {
	const Vector &values = chunk.columns[slot_];
	if (values.type() == LogicalType::kNull) {
		return 0;
	}

	idx_t true_count = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (!values.validity().RowIsValid(row)) {
			continue;
		}
		std::string_view text = ValueAsText(values, row, chunk);
		bool matched = ascii_pattern_ && IsAscii(text)
		                   ? ascii_pattern_->Matches(text)
		                   : RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex_);
		if (matched) {
			true_selection.Set(true_count++, row);
		}
	}
	return true_count;
}

void BoundTextSearch::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count, Vector &result) {
	idx_t true_count = Select(chunk, selection, count, execute_selection_);
	WriteSelectionAsBooleans(selection, count, execute_selection_, true_count, result);
}

} // namespace sumoql
