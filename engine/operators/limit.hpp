#pragma once

#include "engine/operators/physical_operator.hpp"

namespace sumoql {

//! `limit N`: keeps the first N rows that reach it, in input order.
class LimitOperator : public PhysicalOperator {
public:
	explicit LimitOperator(idx_t limit) : limit_(limit) {
	}

	bool NeedsOrderedInput() const override {
		return true;
	}

	void Execute(DataChunk &chunk) override;

private:
	idx_t limit_;
	idx_t passed_ = 0;
};

} // namespace sumoql
