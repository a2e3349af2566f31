#pragma once

#include "engine/types/data_chunk.hpp"

#include <functional>

namespace sumoql {

//! One stage of a query pipeline. A streaming operator changes each chunk in place: it narrows
//! the selection, or writes field vectors. An expanding operator (`parse regex ... multi`) may
//! output several rows per input row, so it writes chunks of its own. A pipeline breaker (sort)
//! takes every chunk first and produces its rows only when the input ends.
class PhysicalOperator {
public:
	virtual ~PhysicalOperator() = default;

	//! Streaming operators: processes the selected rows of `chunk` in place.
	virtual void Execute(DataChunk &chunk) {
	}

	virtual bool IsPipelineBreaker() const {
		return false;
	}

	virtual bool IsExpanding() const {
		return false;
	}

	//! Expanding operators: processes the selected rows of `input` and passes each output chunk
	//! to `emit`. Output strings may point into `input`, which stays valid until Expand returns.
	virtual void Expand(DataChunk &input, const std::function<void(DataChunk &)> &emit) {
	}

	//! True for a streaming operator whose result depends on the rows before it (limit, dedup,
	//! accum): it must see every row, in input order, on one thread.
	virtual bool NeedsOrderedInput() const {
		return false;
	}

	//! Pipeline breakers: takes the selected rows of `chunk`.
	virtual void Sink(DataChunk &chunk) {
	}

	//! Fills `chunk` (already Reset) with the next rows that the operator produces once its input
	//! has ended: all of a pipeline breaker's rows, or the rows a streaming operator adds at the
	//! end (fillmissing). Returns false once every such row was produced.
	virtual bool GetData(DataChunk &chunk) {
		return false;
	}
};

} // namespace sumoql
