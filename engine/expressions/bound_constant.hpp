#pragma once

#include "engine/expressions/bound_expression.hpp"
#include "engine/types/value.hpp"

#include <string>

namespace sumoql {

//! A literal: number, string, boolean or null. Owns its string bytes, so result vectors may
//! point at them for the whole query.
class BoundConstant : public BoundExpression {
public:
	BoundConstant(SourceSpan span, Value value, std::string text = {});

	void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	             Vector &result) override;

	bool IsConstant() const override {
		return true;
	}

	const Value &value() const {
		return value_;
	}

private:
	std::string text_;
	Value value_;
};

} // namespace sumoql
