#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/expressions/wildcard_pattern.hpp"

#include <re2/re2.h>

#include <memory>
#include <optional>

namespace sumoql {

//! A scope term: a regex search over one field, built by the scope binder. Keywords search
//! `_raw` for whole terms; `field=value` terms match the whole field value. Both are
//! case-insensitive through the regex's options. A null field never matches.
class BoundTextSearch : public BoundExpression {
public:
	//! `ascii_pattern`, when set, is a wildcard pattern that matches exactly the ASCII values
	//! that `regex` matches. It runs in place of the regex on such values, because on the short
	//! values of `field=value` terms it is faster than RE2's search.
	BoundTextSearch(SourceSpan span, idx_t slot, std::unique_ptr<RE2> regex,
	                std::optional<WildcardPattern> ascii_pattern = std::nullopt);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             SelectionVector &true_selection) override;

private:
	idx_t slot_;
	std::unique_ptr<RE2> regex_;
	std::optional<WildcardPattern> ascii_pattern_;
	SelectionVector execute_selection_;
};

} // namespace sumoql
