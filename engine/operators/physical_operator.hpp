#pragma once

#include "engine/types/data_chunk.hpp"

namespace sumoql {

//! One stage of a query pipeline. A streaming operator changes each chunk in place: it narrows
//! the selection, or writes field vectors. A pipeline breaker (sort) takes every chunk first and
//! produces its rows only when the input ends.
class PhysicalOperator {
public:
	virtual ~PhysicalOperator() = default;

	//! Streaming operators: processes the selected rows of `chunk` in place.
	virtual void Execute(DataChunk &chunk) {
	}

	virtual bool IsPipelineBreaker() const {
		return false;
	}

	//! Pipeline breakers: takes the selected rows of `chunk`.
	virtual void Sink(DataChunk &chunk) {
	}

	//! Pipeline breakers: fills `chunk` (already Reset) with the next output rows. Returns false
	//! once every row was produced.
	virtual bool GetData(DataChunk &chunk) {
		return false;
	}
};

} // namespace sumoql
