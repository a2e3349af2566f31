#include "engine/operators/deferred_field_reader.hpp"

#include "engine/readers/input_error.hpp"
#include "engine/readers/line_source.hpp"

#include <fmt/format.h>

namespace sumoql {

namespace {

//! The maximum length of event text that an error message quotes.
constexpr std::size_t kQuotedEventLength = 80;

} // namespace

DeferredFieldReader::DeferredFieldReader(std::unique_ptr<PhysicalOperator> stage, Projection &projection)
    : stage_(std::move(stage)), projection_(projection), decoder_(projection, true) {
}

void DeferredFieldReader::Execute(DataChunk &chunk) {
	ReadPendingKeys(chunk);
	stage_->Execute(chunk);
}

bool DeferredFieldReader::IsPipelineBreaker() const {
	return stage_->IsPipelineBreaker();
}

bool DeferredFieldReader::IsExpanding() const {
	return stage_->IsExpanding();
}

void DeferredFieldReader::Expand(DataChunk &input, const std::function<void(DataChunk &)> &emit) {
	ReadPendingKeys(input);
	stage_->Expand(input, emit);
}

bool DeferredFieldReader::NeedsOrderedInput() const {
	return stage_->NeedsOrderedInput();
}

void DeferredFieldReader::Sink(DataChunk &chunk) {
	ReadPendingKeys(chunk);
	stage_->Sink(chunk);
}

bool DeferredFieldReader::GetData(DataChunk &chunk) {
	return stage_->GetData(chunk);
}

void DeferredFieldReader::ReadPendingKeys(DataChunk &chunk) {
	projection_.deferral->CountReached(chunk.count);
	Vector &pending = chunk.columns[*projection_.pending_event_slot];
	if (pending.type() != LogicalType::kString) {
		return;
	}

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		if (!pending.validity().RowIsValid(row)) {
			continue;
		}
		// The text lies in an input block, which is followed by LineSource::kPadding readable bytes.
		std::string_view text = pending.strings()[row];
		auto code = decoder_.Decode(text, text.size() + LineSource::kPadding, chunk, row, DeferredKeys::kReadOnly);
		// The reader checked every deferred value of this event by the rules a read applies, and
		// tests hold the check to the read's verdict, so this decode fails only through a defect.
		if (code) {
			throw InputError(fmt::format("an event that was read once could not be read again ({}): {}",
			                             simdjson::error_message(code), text.substr(0, kQuotedEventLength)));
		}
		pending.validity().SetInvalid(row);
	}
}

} // namespace sumoql
