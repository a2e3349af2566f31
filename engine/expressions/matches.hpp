#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/expressions/wildcard_pattern.hpp"

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>

namespace sumoql {

//! `subject matches pattern`. A string pattern is a WildcardPattern; a `/regex/` pattern is an RE2
//! search that may match anywhere in the value. A null or non-string subject never matches.
//! A literal pattern is compiled once; a pattern computed per row is compiled when it changes.
class BoundMatches : public BoundExpression {
public:
	//! Wildcard form. `pattern` is a literal when `constant_pattern` is set.
	BoundMatches(SourceSpan span, BoundExpressionPtr subject, BoundExpressionPtr pattern,
	             std::optional<std::string> constant_pattern);
	//! Regex form; `regex` must have compiled (checked by the binder).
	BoundMatches(SourceSpan span, BoundExpressionPtr subject, std::unique_ptr<RE2> regex);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             SelectionVector &true_selection) override;

private:
	idx_t SelectDynamic(const Vector &subject, DataChunk &chunk, const SelectionVector &selection,
	                    idx_t count, SelectionVector &true_selection);

	BoundExpressionPtr subject_;
	BoundExpressionPtr pattern_;
	std::optional<WildcardPattern> wildcard_;
	std::unique_ptr<RE2> regex_;
	std::string cached_pattern_text_;
	std::optional<WildcardPattern> cached_pattern_;
	Vector subject_scratch_;
	Vector pattern_scratch_;
	SelectionVector execute_selection_;
};

} // namespace sumoql
