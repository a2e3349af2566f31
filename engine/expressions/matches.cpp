#include "engine/expressions/matches.hpp"


namespace sumoql {

BoundMatches::BoundMatches(SourceSpan span, BoundExpressionPtr subject, BoundExpressionPtr pattern,
                           std::optional<std::string> constant_pattern)
    : BoundExpression(span), subject_(std::move(subject)), pattern_(std::move(pattern)) {
	if (constant_pattern) {
		wildcard_.emplace(*constant_pattern);
	}
}

BoundMatches::BoundMatches(SourceSpan span, BoundExpressionPtr subject, std::unique_ptr<RE2> regex)
    : BoundExpression(span), subject_(std::move(subject)), regex_(std::move(regex)) {
}

idx_t BoundMatches::Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                           SelectionVector &true_selection) {
	const Vector &subject = EvaluateChild(*subject_, chunk, selection, count, subject_scratch_);
	if (subject.type() != LogicalType::kString) {
		return 0;
	}
	if (!wildcard_ && !regex_) {
		return SelectDynamic(subject, chunk, selection, count, true_selection);
	}

	const std::string_view *strings = subject.strings();
	idx_t true_count = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (!subject.validity().RowIsValid(row)) {
			continue;
		}
		bool matched = wildcard_ ? wildcard_->Matches(strings[row])
		                         : RE2::PartialMatch(re2::StringPiece(strings[row].data(), strings[row].size()), *regex_);
		if (matched) {
			true_selection.Set(true_count++, row);
		}
	}
	return true_count;
}

idx_t BoundMatches::SelectDynamic(const Vector &subject, DataChunk &chunk, const SelectionVector &selection,
                                  idx_t count, SelectionVector &true_selection) {
	const Vector &patterns = EvaluateChild(*pattern_, chunk, selection, count, pattern_scratch_);
	if (patterns.type() != LogicalType::kString) {
		return 0;
	}

	idx_t true_count = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (!subject.validity().RowIsValid(row) || !patterns.validity().RowIsValid(row)) {
			continue;
		}
		std::string_view pattern_text = patterns.strings()[row];
		if (!cached_pattern_ || pattern_text != cached_pattern_text_) {
			cached_pattern_text_ = pattern_text;
			cached_pattern_.emplace(pattern_text);
		}
		if (cached_pattern_->Matches(subject.strings()[row])) {
			true_selection.Set(true_count++, row);
		}
	}
	return true_count;
}

void BoundMatches::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count, Vector &result) {
	idx_t true_count = Select(chunk, selection, count, execute_selection_);
	WriteSelectionAsBooleans(selection, count, execute_selection_, true_count, result);
}

} // namespace sumoql
