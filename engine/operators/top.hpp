#pragma once

#include "engine/operators/physical_operator.hpp"
#include "engine/operators/sort.hpp"

#include <vector>

namespace sumoql {

//! The last step of `top N f by k`: outputs the first N rows that reach it in the order of the
//! ranking keys. Rows that tie on every key keep their input order. The planner puts a hash
//! aggregation before it that turns the rows into one row per combination of the fields, with
//! `_count` or the values of the first-ranked row.
class TopOperator : public PhysicalOperator {
public:
	TopOperator(std::vector<SortKeySlot> ranking, idx_t count) : sort_(std::move(ranking)), count_(count) {
	}

	bool IsPipelineBreaker() const override {
		return true;
	}

	void Sink(DataChunk &chunk) override {
		sort_.Sink(chunk);
	}

	bool GetData(DataChunk &chunk) override;

private:
	//! Holds every row that reaches the operator and orders them.
	SortOperator sort_;
	idx_t count_;
	idx_t rows_output_ = 0;
};

} // namespace sumoql
