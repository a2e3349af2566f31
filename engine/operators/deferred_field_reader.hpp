#pragma once

#include "engine/operators/physical_operator.hpp"
#include "engine/readers/json_event_decoder.hpp"
#include "engine/readers/projection.hpp"

#include <memory>

namespace sumoql {

//! Reads the deferred keys (ProjectionNode::deferred) of the rows that reach a stage, then runs
//! the stage. It wraps the first stage that may read a deferred key, so the events that earlier
//! stages drop never have those keys read. A row keeps its event's text in the projection's
//! pending-event slot until its keys are read; a chunk read without deferral has none.
class DeferredFieldReader : public PhysicalOperator {
public:
	//! `projection` must outlive the operator; the plan owns both.
	DeferredFieldReader(std::unique_ptr<PhysicalOperator> stage, Projection &projection);

	void Execute(DataChunk &chunk) override;
	bool IsPipelineBreaker() const override;
	bool IsExpanding() const override;
	void Expand(DataChunk &input, const std::function<void(DataChunk &)> &emit) override;
	bool NeedsOrderedInput() const override;
	void Sink(DataChunk &chunk) override;
	bool GetData(DataChunk &chunk) override;

private:
	void ReadPendingKeys(DataChunk &chunk);

	std::unique_ptr<PhysicalOperator> stage_;
	Projection &projection_;
	JsonEventDecoder decoder_;
};

} // namespace sumoql
