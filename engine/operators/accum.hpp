#pragma once

#include "engine/operators/group_key.hpp"
#include "engine/operators/physical_operator.hpp"

#include <string>
#include <vector>

namespace sumoql {

enum class AccumKind {
	//! `accum f`: the running sum of f, in input order.
	kRunningSum,
	//! `diff f`: f minus f of the previous row; null on the first row.
	kDifference,
};

struct AccumSettings {
	AccumKind kind = AccumKind::kRunningSum;
	idx_t input_slot = 0;
	idx_t output_slot = 0;
	//! The `by` fields: each distinct combination has a sum or previous value of its own.
	std::vector<idx_t> key_slots;
};

//! `accum f [as name] [by a, b]` and `diff f [as name] [by a, b]`. A value counts as a number
//! when it is one or when its text reads as one. Rows whose value does not are dropped, as
//! Sumo documents for diff, and a later row takes its difference from the last row that was kept.
class AccumOperator : public PhysicalOperator {
public:
	explicit AccumOperator(AccumSettings settings) : settings_(std::move(settings)) {
	}

	bool NeedsOrderedInput() const override {
		return true;
	}

	void Execute(DataChunk &chunk) override;

private:
	//! Returns the running sum or previous value of row `row`'s group.
	double &GroupState(const DataChunk &chunk, sel_t row, bool &is_first);

	AccumSettings settings_;
	GroupMap<double> groups_;
	std::string key_;
	Vector result_;
	SelectionVector kept_;
};

} // namespace sumoql
