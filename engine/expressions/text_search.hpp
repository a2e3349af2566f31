#pragma once

#include "engine/expressions/bound_expression.hpp"

#include <re2/re2.h>

#include <memory>

namespace sumoql {

//! A scope term: a regex search over one field, built by the scope binder. Keywords search
//! `_raw` for whole terms; `field=value` terms match the whole field value. Both are
//! case-insensitive through the regex's options. A null field never matches.
class BoundTextSearch : public BoundExpression {
public:
	BoundTextSearch(SourceSpan span, idx_t slot, std::unique_ptr<RE2> regex);

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             SelectionVector &true_selection) override;

private:
	idx_t slot_;
	std::unique_ptr<RE2> regex_;
	SelectionVector execute_selection_;
};

} // namespace sumoql
