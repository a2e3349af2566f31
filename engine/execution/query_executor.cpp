#include "engine/execution/query_executor.hpp"

#include "engine/readers/json_event_reader.hpp"

namespace sumoql {

QueryExecutor::QueryExecutor(QueryPlan &plan, ResultWriter &writer, BadInputHandler on_bad_input)
    : plan_(plan), writer_(writer), on_bad_input_(std::move(on_bad_input)), chunk_(plan.schema.size()) {
}

void QueryExecutor::ReadInput(const std::string &path) {
	JsonEventReader reader(path, plan_.projection, input_stats_, on_bad_input_);
	input_stats_.files_read++;

	while (true) {
		chunk_.Reset();
		if (!reader.ReadChunk(chunk_)) {
			break;
		}
		Push(chunk_, 0);
	}
}

void QueryExecutor::Push(DataChunk &chunk, idx_t first_operator) {
	auto &operators = plan_.operators;
	for (idx_t i = first_operator; i < operators.size(); i++) {
		if (chunk.count == 0) {
			return;
		}
		if (operators[i]->IsPipelineBreaker()) {
			operators[i]->Sink(chunk);
			return;
		}
		operators[i]->Execute(chunk);
	}
	Emit(chunk);
}

void QueryExecutor::Emit(const DataChunk &chunk) {
	for (idx_t i = 0; i < chunk.count; i++) {
		writer_.WriteRow(BuildResultRow(chunk, chunk.selection.Get(i), plan_));
	}
	rows_output_ += chunk.count;
}

void QueryExecutor::Finish() {
	auto &operators = plan_.operators;
	for (idx_t i = 0; i < operators.size(); i++) {
		if (!operators[i]->IsPipelineBreaker()) {
			continue;
		}
		// Everything before this breaker has run; its output feeds the stages after it, which
		// may include the next breaker.
		DataChunk output(plan_.schema.size());
		while (true) {
			output.Reset();
			if (!operators[i]->GetData(output)) {
				break;
			}
			Push(output, i + 1);
		}
	}
	writer_.Finish();
}

RunSummary QueryExecutor::summary() const {
	RunSummary summary;
	summary.input = input_stats_;
	summary.rows_output = rows_output_;
	summary.failed_conversions = plan_.stats->failed_conversions;
	return summary;
}

} // namespace sumoql
