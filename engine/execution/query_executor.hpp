#pragma once

#include "engine/execution/query_plan.hpp"
#include "engine/readers/input_stats.hpp"
#include "engine/writers/result_writer.hpp"

#include <string>

namespace sumoql {

//! The counts a finished run reports on stderr.
struct RunSummary {
	InputStats input;
	std::uint64_t rows_output = 0;
	std::uint64_t failed_conversions = 0;
};

//! Runs a plan over input files chunk by chunk and hands result rows to a writer.
//! Streaming stages process each chunk as it is read. A pipeline breaker keeps rows until
//! Finish, and then the stages after it run on what it produces.
class QueryExecutor {
public:
	QueryExecutor(QueryPlan &plan, ResultWriter &writer, BadInputHandler on_bad_input);

	//! Reads every event of `path` ("-" for standard input) through the pipeline.
	//! Throws InputError when the file cannot be read or the bad-input handler throws.
	void ReadInput(const std::string &path);

	//! Flushes pipeline breakers and the writer. Call once, after the last input.
	void Finish();

	RunSummary summary() const;

private:
	//! Runs `chunk` through the operators from `first_operator` on.
	void Push(DataChunk &chunk, idx_t first_operator);
	void Emit(const DataChunk &chunk);

	QueryPlan &plan_;
	ResultWriter &writer_;
	BadInputHandler on_bad_input_;
	InputStats input_stats_;
	std::uint64_t rows_output_ = 0;
	DataChunk chunk_;
};

} // namespace sumoql
