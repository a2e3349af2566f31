#pragma once

#include "engine/execution/query_plan.hpp"
#include "engine/readers/input_stats.hpp"
#include "engine/readers/json_event_reader.hpp"
#include "engine/readers/line_source.hpp"
#include "engine/writers/result_writer.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sumoql {

//! Rows that entered and left one query stage, over the whole run.
struct StageCounts {
	std::uint64_t rows_in = 0;
	std::uint64_t rows_out = 0;
};

//! The counts of one input file.
struct FileSummary {
	std::string path;
	idx_t source = 0;
	std::uint64_t events_read = 0;
	std::uint64_t bad_lines = 0;
	std::uint64_t bad_records = 0;
	//! True for a Windows event log (.evtx), whose items are records, not lines.
	bool event_log = false;
	//! Events outside --from/--to, or without a time while a range is set.
	std::uint64_t dropped_by_time_range = 0;
	//! Events that the scope, the search before the first pipe, did not match.
	std::uint64_t dropped_by_scope = 0;
};

//! The counts a finished run reports on stderr.
struct RunSummary {
	InputStats input;
	std::uint64_t rows_output = 0;
	std::uint64_t failed_conversions = 0;
	std::uint64_t rows_dropped = 0;
	std::uint64_t invalid_arguments = 0;
	std::uint64_t dropped_groups = 0;
	std::vector<FileSummary> files;
	//! One entry per query stage, in plan order.
	std::vector<StageCounts> stages;
};

//! Receives the input bytes and events read so far in the current file, after each block.
using ProgressHandler = std::function<void(std::uint64_t bytes_read, std::uint64_t events_read)>;

//! Builds one more plan of the query being run, for a worker thread's own operator state.
using PlanFactory = std::function<std::unique_ptr<QueryPlan>()>;

//! Runs a plan over input files chunk by chunk and hands result rows to a writer.
//! Streaming stages process each chunk as it is read. A pipeline breaker keeps rows until
//! Finish, and then the stages after it run on what it produces.
//!
//! Each source's extraction stages run first on the chunks of an input read with that source.
//!
//! With worker threads, each NDJSON input is cut into blocks of whole lines. Workers read and
//! run the stages before the first pipeline breaker (or the first stage that needs rows in input
//! order, such as limit) on their own copy of the plan, and the
//! calling thread takes their chunks in input order for the remaining stages and the writer.
//! So the rows, their order and the bad-input messages are the same for any thread count.
class QueryExecutor {
public:
	//! `worker_count` workers each get a plan from `make_plan`; with 0 or 1 the calling thread
	//! does all the work.
	QueryExecutor(QueryPlan &plan, ResultWriter &writer, BadInputHandler on_bad_input,
	              PlanFactory make_plan = nullptr, idx_t worker_count = 0);
	~QueryExecutor();

	//! Reads every event of `path` ("-" for standard input) through the extraction stages of
	//! source `source` and then the query's. Throws InputError when the file cannot be read or
	//! the bad-input handler throws.
	void ReadInput(const std::string &path, idx_t source = 0);

	//! Reads every row of `table` through the pipeline as an event whose keys are the table's
	//! columns, for a query that starts with `cat`. `name` names the table in messages.
	void ReadTable(const LookupTable &table, const std::string &name);

	//! Sets the function that receives progress while reading.
	void SetProgressHandler(ProgressHandler on_progress) {
		on_progress_ = std::move(on_progress);
	}

	//! Flushes pipeline breakers, the rows operators add at the end, and the writer. Call once,
	//! after the last input. Throws QueryError when an operator's documented limit is exceeded.
	void Finish();

	RunSummary summary() const;

private:
	struct Worker;
	struct BlockResult;

	//! Yields the next block of NDJSON lines of an input; false at its end.
	using BlockSupplier = std::function<bool(InputBlock &block)>;
	//! Bytes of the input read so far, for progress.
	using ByteCounter = std::function<std::uint64_t()>;

	void ReadSequentially(const std::string &path, idx_t source);
	//! Reads every chunk of `reader` through source `source`'s extraction stages and the query.
	void PushAllChunks(JsonEventReader &reader, idx_t source, bool report_progress);
	void ReadBlocks(const std::string &path, idx_t source, const BlockSupplier &next_block,
	                const ByteCounter &bytes_read);
	void ReadBlocksInParallel(const std::string &path, idx_t source, const BlockSupplier &next_block,
	                          const ByteCounter &bytes_read);
	BlockResult ProcessBlock(Worker &worker, const std::string &path, idx_t source, InputBlock &block);
	//! Reports and pushes on a worker's result. `next_line` is the number of the input's next
	//! line, which the call advances past the block.
	void ConsumeBlock(const std::string &path, BlockResult &result, std::uint64_t &next_line);
	//! Returns a handler that reports a bad line of `path` to on_bad_input_.
	JsonEventReader::BadLineHandler ReportBadLinesOf(const std::string &path);
	void ReportProgress(std::uint64_t bytes_read);

	//! Runs `chunk` through the operators from `first_operator` on.
	void Push(DataChunk &chunk, idx_t first_operator);
	//! Runs the operators before the first pipeline breaker on `chunk`, counting rows into
	//! `counts`: the part worker threads run.
	void RunStreamingStages(QueryPlan &plan, DataChunk &chunk, std::vector<StageCounts> &counts);
	void Emit(const DataChunk &chunk);
	//! The stage counts indexed by query position, with the counts that deferred stages would
	//! have had where the query writes them.
	std::vector<StageCounts> StageCountsInQueryOrder() const;

	QueryPlan &plan_;
	ResultWriter &writer_;
	BadInputHandler on_bad_input_;
	InputStats input_stats_;
	std::uint64_t rows_output_ = 0;
	std::vector<StageCounts> stage_counts_;
	std::vector<FileSummary> files_;
	ProgressHandler on_progress_;
	//! Events read before the current file started, for its progress.
	std::uint64_t events_before_file_ = 0;
	DataChunk chunk_;
	//! Index of the first pipeline breaker, expanding operator or operator that needs ordered
	//! input, or the operator count: workers run the stages before it.
	idx_t breaker_index_ = 0;
	std::vector<std::unique_ptr<Worker>> workers_;
};

} // namespace sumoql
