#pragma once

#include "engine/expressions/bound_expression.hpp"

namespace sumoql {

//! A field, read straight from its slot in the chunk.
class BoundFieldReference : public BoundExpression {
public:
	BoundFieldReference(SourceSpan span, idx_t slot) : BoundExpression(span), slot_(slot) {
	}

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	const Vector *DirectVector(const DataChunk &chunk) const override {
		return &chunk.columns[slot_];
	}

	idx_t slot() const {
		return slot_;
	}

private:
	idx_t slot_;
};

} // namespace sumoql
