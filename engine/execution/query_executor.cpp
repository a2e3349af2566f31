#include "engine/execution/query_executor.hpp"

#include "engine/readers/evtx_source.hpp"
#include "engine/readers/json_event_reader.hpp"
#include "engine/readers/mapped_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace sumoql {

//! A worker thread's own plan, whose operators keep per-thread scratch state.
struct QueryExecutor::Worker {
	std::unique_ptr<QueryPlan> plan;
	//! A chunk that ended empty, kept for the next one.
	std::unique_ptr<DataChunk> spare_chunk;
};

//! A worker's output for one block: the chunks that passed the streaming stages, in order, and
//! the counts and messages the calling thread reports for the block.
struct QueryExecutor::BlockResult {
	//! The block itself, kept until its chunks are consumed, because their strings may point into it.
	InputBlock block;
	std::vector<std::unique_ptr<DataChunk>> chunks;
	InputStats stats;
	//! Line number and message of each bad line. When block.first_line is unset, the numbers
	//! count from 1 at the block's first line.
	std::vector<std::pair<std::uint64_t, std::string>> bad_lines;
	//! The line number after the block's last line, counted the same way.
	std::uint64_t next_line = 1;
	idx_t source = 0;
	std::vector<std::string> spellings;
	std::vector<StageCounts> stages;
	std::exception_ptr error;
};

QueryExecutor::QueryExecutor(QueryPlan &plan, ResultWriter &writer, BadInputHandler on_bad_input,
                             PlanFactory make_plan, idx_t worker_count)
    : plan_(plan), writer_(writer), on_bad_input_(std::move(on_bad_input)), chunk_(plan.schema.size()) {
	stage_counts_.resize(plan_.operators.size());
	breaker_index_ = plan_.operators.size();
	for (idx_t i = 0; i < plan_.operators.size(); i++) {
		if (plan_.operators[i]->IsPipelineBreaker() || plan_.operators[i]->IsExpanding() ||
		    plan_.operators[i]->NeedsOrderedInput()) {
			breaker_index_ = i;
			break;
		}
	}

	if (make_plan && worker_count > 1) {
		for (idx_t i = 0; i < worker_count; i++) {
			workers_.push_back(std::make_unique<Worker>(Worker {make_plan(), nullptr}));
		}
	}
}

QueryExecutor::~QueryExecutor() = default;

void QueryExecutor::ReadInput(const std::string &path, idx_t source) {
	input_stats_.files_read++;
	InputStats before = input_stats_;
	std::vector<StageCounts> stages_before = stage_counts_;
	events_before_file_ = input_stats_.events_read;

	bool event_log = IsEvtxFile(path);
	if (event_log) {
		EvtxSource evtx(path, input_stats_, on_bad_input_);
		ReadBlocks(
		    path, source, [&](InputBlock &block) { return evtx.ReadBlock(block); },
		    [&] { return evtx.bytes_read(); });
	} else if (path == "-") {
		// NOTE: standard input is read on one thread, because peeking at its first byte for the
		// JSON array check consumes it.
		ReadSequentially(path, source);
	} else if (auto mapped = MappedFile::Open(path)) {
		// A JSON array is one document, which has no line boundaries to cut at.
		if (mapped->FirstByte() == '[') {
			ReadSequentially(path, source);
		} else {
			ReadBlocks(
			    path, source, [&](InputBlock &block) { return mapped->ReadBlock(block); },
			    [&] { return mapped->bytes_read(); });
		}
	} else {
		LineSource lines(path);
		if (lines.PeekFirstByte() == '[') {
			ReadSequentially(path, source);
		} else {
			ReadBlocks(
			    path, source, [&](InputBlock &block) { return lines.ReadBlock(block); },
			    [&] { return lines.bytes_read(); });
		}
	}

	FileSummary file;
	file.path = path == "-" ? "<stdin>" : path;
	file.source = source;
	file.events_read = input_stats_.events_read - before.events_read;
	file.bad_lines = input_stats_.bad_lines - before.bad_lines;
	file.bad_records = input_stats_.bad_records - before.bad_records;
	file.event_log = event_log;
	auto dropped_at = [&](std::optional<idx_t> index) -> std::uint64_t {
		if (!index) {
			return 0;
		}
		const StageCounts &now = stage_counts_[*index];
		const StageCounts &then = stages_before[*index];
		return (now.rows_in - then.rows_in) - (now.rows_out - then.rows_out);
	};
	file.dropped_by_time_range = dropped_at(plan_.time_range_index);
	file.dropped_by_scope = dropped_at(plan_.scope_index);
	files_.push_back(std::move(file));
}

void QueryExecutor::ReadTable(const LookupTable &table, const std::string &name) {
	// Each row becomes one NDJSON line, so the rows are read exactly as events are.
	std::string text;
	for (idx_t row = 0; row < table.row_count(); row++) {
		nlohmann::ordered_json event = nlohmann::ordered_json::object();
		for (idx_t column = 0; column < table.columns().size(); column++) {
			auto cell = table.Cell(row, column);
			if (cell) {
				event[table.columns()[column]] = std::string(*cell);
			}
		}
		text += event.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
		text += '\n';
	}

	InputBlock block;
	block.CopyFrom(text.data(), text.size());

	input_stats_.files_read++;
	JsonEventReader reader(name, block, plan_.sources[0].projection, input_stats_, ReportBadLinesOf(name));
	PushAllChunks(reader, 0, false);
}

void QueryExecutor::ReadSequentially(const std::string &path, idx_t source) {
	JsonEventReader reader(path, plan_.sources[source].projection, input_stats_, on_bad_input_);
	PushAllChunks(reader, source, true);
}

void QueryExecutor::PushAllChunks(JsonEventReader &reader, idx_t source, bool report_progress) {
	while (true) {
		chunk_.Reset();
		if (!reader.ReadChunk(chunk_)) {
			break;
		}
		for (auto &stage : plan_.sources[source].stages) {
			stage->Execute(chunk_);
			chunk_.ApplyDropRequests();
		}
		Push(chunk_, 0);
		if (report_progress) {
			ReportProgress(reader.bytes_read());
		}
	}
}

void QueryExecutor::ReadBlocks(const std::string &path, idx_t source, const BlockSupplier &next_block,
                               const ByteCounter &bytes_read) {
	if (!workers_.empty()) {
		ReadBlocksInParallel(path, source, next_block, bytes_read);
		return;
	}

	InputBlock block;
	std::uint64_t next_line = 1;
	while (next_block(block)) {
		if (!block.first_line) {
			block.first_line = next_line;
		}
		JsonEventReader reader(path, block, plan_.sources[source].projection, input_stats_, ReportBadLinesOf(path));
		PushAllChunks(reader, source, false);
		next_line = reader.next_line_number();
		ReportProgress(bytes_read());
	}
}

JsonEventReader::BadLineHandler QueryExecutor::ReportBadLinesOf(const std::string &path) {
	if (!on_bad_input_) {
		return nullptr;
	}
	return [this, path](std::uint64_t line_number, const std::string &message) {
		on_bad_input_(fmt::format("{}:{}", path, line_number), message);
	};
}

void QueryExecutor::ReadBlocksInParallel(const std::string &path, idx_t source, const BlockSupplier &next_block,
                                         const ByteCounter &bytes_read) {
	struct Task {
		std::uint64_t sequence;
		InputBlock block;
	};

	std::mutex mutex;
	std::condition_variable work_ready;
	std::condition_variable result_ready;
	std::deque<Task> tasks;
	std::map<std::uint64_t, BlockResult> results;
	bool stop = false;

	auto work = [&](Worker &worker) {
		while (true) {
			std::unique_lock lock(mutex);
			work_ready.wait(lock, [&] { return stop || !tasks.empty(); });
			if (tasks.empty()) {
				return;
			}
			Task task = std::move(tasks.front());
			tasks.pop_front();
			lock.unlock();

			BlockResult result = ProcessBlock(worker, path, source, task.block);

			lock.lock();
			results.emplace(task.sequence, std::move(result));
			result_ready.notify_all();
		}
	};

	std::uint64_t next_line = 1;
	std::vector<std::thread> threads;
	auto stop_workers = [&] {
		{
			std::lock_guard lock(mutex);
			stop = true;
		}
		work_ready.notify_all();
		for (auto &thread : threads) {
			thread.join();
		}
	};
	for (auto &worker : workers_) {
		threads.emplace_back(work, std::ref(*worker));
	}

	// Keep a few blocks per worker in flight, so memory stays bounded by the block size.
	const std::uint64_t max_in_flight = 2 * workers_.size() + 2;
	std::uint64_t submitted = 0;
	std::uint64_t consumed = 0;
	bool more_input = true;
	try {
		while (more_input || consumed < submitted) {
			while (more_input && submitted - consumed < max_in_flight) {
				InputBlock block;
				more_input = next_block(block);
				if (more_input) {
					std::lock_guard lock(mutex);
					tasks.push_back({submitted++, std::move(block)});
					work_ready.notify_one();
				}
			}
			if (consumed == submitted) {
				continue;
			}

			std::unique_lock lock(mutex);
			result_ready.wait(lock, [&] { return results.count(consumed) > 0; });
			BlockResult result = std::move(results.at(consumed));
			results.erase(consumed);
			lock.unlock();

			consumed++;
			ConsumeBlock(path, result, next_line);
			ReportProgress(bytes_read());
		}
	} catch (...) {
		stop_workers();
		throw;
	}
	stop_workers();
}

QueryExecutor::BlockResult QueryExecutor::ProcessBlock(Worker &worker, const std::string &path, idx_t source,
                                                       InputBlock &block) {
	BlockResult result;
	result.block = std::move(block);
	try {
		QueryPlan &plan = *worker.plan;
		SourcePipeline &pipeline = plan.sources[source];
		pipeline.projection.event_spellings.clear();
		JsonEventReader reader(path, result.block, pipeline.projection, result.stats,
		                       [&](std::uint64_t line_number, const std::string &message) {
			                       result.bad_lines.emplace_back(line_number, message);
		                       });

		result.stages.resize(plan.operators.size());
		while (true) {
			// Most chunks of a selective query end empty, so their storage is reused.
			std::unique_ptr<DataChunk> chunk = std::move(worker.spare_chunk);
			if (chunk) {
				chunk->Reset();
			} else {
				chunk = std::make_unique<DataChunk>(plan.schema.size());
			}
			if (!reader.ReadChunk(*chunk)) {
				worker.spare_chunk = std::move(chunk);
				break;
			}
			for (auto &stage : pipeline.stages) {
				stage->Execute(*chunk);
				chunk->ApplyDropRequests();
			}
			RunStreamingStages(plan, *chunk, result.stages);
			if (chunk->count > 0) {
				result.chunks.push_back(std::move(chunk));
			} else {
				worker.spare_chunk = std::move(chunk);
			}
		}
		result.next_line = reader.next_line_number();
		result.source = source;
		result.spellings = std::move(pipeline.projection.event_spellings);
	} catch (...) {
		result.error = std::current_exception();
	}
	return result;
}

void QueryExecutor::RunStreamingStages(QueryPlan &plan, DataChunk &chunk, std::vector<StageCounts> &counts) {
	for (idx_t i = 0; i < breaker_index_ && chunk.count > 0; i++) {
		counts[i].rows_in += chunk.count;
		plan.operators[i]->Execute(chunk);
		chunk.ApplyDropRequests();
		counts[i].rows_out += chunk.count;
	}
}

void QueryExecutor::ConsumeBlock(const std::string &path, BlockResult &result, std::uint64_t &next_line) {
	// A block without a first line number starts where the previous block of the input ended.
	std::uint64_t line_offset = result.block.first_line ? 0 : next_line - 1;
	next_line = result.next_line + line_offset;

	// The bad lines of a block come before its rows, as in a sequential read, where each line is
	// reported as it is read.
	input_stats_.bad_lines += result.stats.bad_lines;
	input_stats_.events_read += result.stats.events_read;
	input_stats_.events_without_time += result.stats.events_without_time;
	for (const auto &[line_number, message] : result.bad_lines) {
		if (on_bad_input_) {
			on_bad_input_(fmt::format("{}:{}", path, line_number + line_offset), message);
		}
	}
	if (result.error) {
		std::rethrow_exception(result.error);
	}
	for (idx_t i = 0; i < result.stages.size(); i++) {
		stage_counts_[i].rows_in += result.stages[i].rows_in;
		stage_counts_[i].rows_out += result.stages[i].rows_out;
	}

	auto &spellings = plan_.sources[result.source].projection.event_spellings;
	spellings.resize(std::max(spellings.size(), result.spellings.size()));
	for (idx_t slot = 0; slot < result.spellings.size(); slot++) {
		if (spellings[slot].empty()) {
			spellings[slot] = result.spellings[slot];
		}
	}

	for (auto &chunk : result.chunks) {
		Push(*chunk, breaker_index_);
	}
}

void QueryExecutor::ReportProgress(std::uint64_t bytes_read) {
	if (on_progress_) {
		on_progress_(bytes_read, input_stats_.events_read - events_before_file_);
	}
}

void QueryExecutor::Push(DataChunk &chunk, idx_t first_operator) {
	auto &operators = plan_.operators;
	for (idx_t i = first_operator; i < operators.size(); i++) {
		if (chunk.count == 0) {
			return;
		}
		stage_counts_[i].rows_in += chunk.count;
		if (operators[i]->IsPipelineBreaker()) {
			operators[i]->Sink(chunk);
			return;
		}
		if (operators[i]->IsExpanding()) {
			operators[i]->Expand(chunk, [&](DataChunk &output) {
				stage_counts_[i].rows_out += output.count;
				Push(output, i + 1);
			});
			return;
		}
		operators[i]->Execute(chunk);
		chunk.ApplyDropRequests();
		stage_counts_[i].rows_out += chunk.count;
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
		// Everything before this operator has run; its remaining rows feed the stages after it,
		// which may include the next breaker. A stage may add fields while it runs (transpose),
		// so the chunk is sized for the schema as it is now.
		DataChunk output(plan_.schema.size());
		while (true) {
			output.Reset();
			if (!operators[i]->GetData(output)) {
				break;
			}
			stage_counts_[i].rows_out += output.count;
			Push(output, i + 1);
		}
	}
	writer_.Finish();
}

std::vector<StageCounts> QueryExecutor::StageCountsInQueryOrder() const {
	std::vector<StageCounts> stages(stage_counts_.size());
	for (idx_t i = 0; i < stage_counts_.size(); i++) {
		stages[plan_.query_positions[i]] = stage_counts_[i];
	}

	// A deferred stage keeps every row, so in query order it passes on what the stage written
	// before it passed on.
	std::vector<idx_t> deferred = plan_.deferred_stages;
	std::sort(deferred.begin(), deferred.end());
	for (idx_t position : deferred) {
		std::uint64_t rows = position == 0 ? stage_counts_.front().rows_in : stages[position - 1].rows_out;
		stages[position] = {rows, rows};
	}
	return stages;
}

RunSummary QueryExecutor::summary() const {
	RunSummary summary;
	summary.input = input_stats_;
	summary.rows_output = rows_output_;
	summary.files = files_;
	summary.stages = StageCountsInQueryOrder();
	auto add = [&summary](const ExecutionStats &stats) {
		summary.failed_conversions += stats.failed_conversions;
		summary.rows_dropped += stats.rows_dropped;
		summary.invalid_arguments += stats.invalid_arguments;
	};
	add(*plan_.stats);
	summary.dropped_groups = plan_.stats->dropped_groups;
	for (const auto &worker : workers_) {
		add(*worker->plan->stats);
	}
	return summary;
}

} // namespace sumoql
