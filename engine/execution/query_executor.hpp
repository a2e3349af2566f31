#pragma once

#include "engine/execution/query_plan.hpp"
#include "engine/readers/input_stats.hpp"
#include "engine/readers/line_source.hpp"
#include "engine/writers/result_writer.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sumoql {

//! The counts a finished run reports on stderr.
struct RunSummary {
	InputStats input;
	std::uint64_t rows_output = 0;
	std::uint64_t failed_conversions = 0;
	std::uint64_t rows_dropped = 0;
	std::uint64_t invalid_arguments = 0;
};

//! Builds one more plan of the query being run, for a worker thread's own operator state.
using PlanFactory = std::function<std::unique_ptr<QueryPlan>()>;

//! Runs a plan over input files chunk by chunk and hands result rows to a writer.
//! Streaming stages process each chunk as it is read. A pipeline breaker keeps rows until
//! Finish, and then the stages after it run on what it produces.
//!
//! With worker threads, each NDJSON input is cut into blocks of whole lines. Workers read and
//! run the stages before the first pipeline breaker on their own copy of the plan, and the
//! calling thread takes their chunks in input order for the remaining stages and the writer.
//! So the rows, their order and the bad-input messages are the same for any thread count.
class QueryExecutor {
public:
	//! `worker_count` workers each get a plan from `make_plan`; with 0 or 1 the calling thread
	//! does all the work.
	QueryExecutor(QueryPlan &plan, ResultWriter &writer, BadInputHandler on_bad_input,
	              PlanFactory make_plan = nullptr, idx_t worker_count = 0);
	~QueryExecutor();

	//! Reads every event of `path` ("-" for standard input) through the pipeline.
	//! Throws InputError when the file cannot be read or the bad-input handler throws.
	void ReadInput(const std::string &path);

	//! Flushes pipeline breakers and the writer. Call once, after the last input.
	void Finish();

	RunSummary summary() const;

private:
	struct Worker;
	struct BlockResult;

	void ReadSequentially(const std::string &path);
	void ReadInParallel(LineSource &source);
	BlockResult ProcessBlock(Worker &worker, const std::string &path, const InputBlock &block);
	void ConsumeBlock(BlockResult &result);

	//! Runs `chunk` through the operators from `first_operator` on.
	void Push(DataChunk &chunk, idx_t first_operator);
	void Emit(const DataChunk &chunk);

	QueryPlan &plan_;
	ResultWriter &writer_;
	BadInputHandler on_bad_input_;
	InputStats input_stats_;
	std::uint64_t rows_output_ = 0;
	DataChunk chunk_;
	//! Index of the first pipeline breaker or expanding operator, or the operator count: workers
	//! run the stages before it.
	idx_t breaker_index_ = 0;
	std::vector<std::unique_ptr<Worker>> workers_;
};

} // namespace sumoql
