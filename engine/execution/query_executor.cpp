#include "engine/execution/query_executor.hpp"

#include "engine/readers/json_event_reader.hpp"

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
};

//! A worker's output for one block: the chunks that passed the streaming stages, in order, and
//! the counts and messages the calling thread reports for the block.
struct QueryExecutor::BlockResult {
	std::vector<std::unique_ptr<DataChunk>> chunks;
	InputStats stats;
	std::vector<std::pair<std::string, std::string>> bad_events;
	std::vector<std::string> spellings;
	std::exception_ptr error;
};

QueryExecutor::QueryExecutor(QueryPlan &plan, ResultWriter &writer, BadInputHandler on_bad_input,
                             PlanFactory make_plan, idx_t worker_count)
    : plan_(plan), writer_(writer), on_bad_input_(std::move(on_bad_input)), chunk_(plan.schema.size()) {
	breaker_index_ = plan_.operators.size();
	for (idx_t i = 0; i < plan_.operators.size(); i++) {
		if (plan_.operators[i]->IsPipelineBreaker() || plan_.operators[i]->IsExpanding()) {
			breaker_index_ = i;
			break;
		}
	}

	if (make_plan && worker_count > 1) {
		for (idx_t i = 0; i < worker_count; i++) {
			workers_.push_back(std::make_unique<Worker>(Worker {make_plan()}));
		}
	}
}

QueryExecutor::~QueryExecutor() = default;

void QueryExecutor::ReadInput(const std::string &path) {
	input_stats_.files_read++;
	// NOTE: standard input is read on one thread, because peeking at its first byte for the
	// JSON array check consumes it.
	if (workers_.empty() || path == "-") {
		ReadSequentially(path);
		return;
	}

	// A JSON array is one document, which has no line boundaries to cut at.
	LineSource source(path);
	if (source.PeekFirstByte() == '[') {
		ReadSequentially(path);
		return;
	}
	ReadInParallel(source);
}

void QueryExecutor::ReadSequentially(const std::string &path) {
	JsonEventReader reader(path, plan_.projection, input_stats_, on_bad_input_);
	while (true) {
		chunk_.Reset();
		if (!reader.ReadChunk(chunk_)) {
			break;
		}
		Push(chunk_, 0);
	}
}

void QueryExecutor::ReadInParallel(LineSource &source) {
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

			BlockResult result = ProcessBlock(worker, source.path(), task.block);

			lock.lock();
			results.emplace(task.sequence, std::move(result));
			result_ready.notify_all();
		}
	};

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
				more_input = source.ReadBlock(block);
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
			ConsumeBlock(result);
		}
	} catch (...) {
		stop_workers();
		throw;
	}
	stop_workers();
}

QueryExecutor::BlockResult QueryExecutor::ProcessBlock(Worker &worker, const std::string &path,
                                                       const InputBlock &block) {
	BlockResult result;
	try {
		QueryPlan &plan = *worker.plan;
		plan.projection.event_spellings.clear();
		JsonEventReader reader(path, block, plan.projection, result.stats,
		                       [&](const std::string &location, const std::string &message) {
			                       result.bad_events.emplace_back(location, message);
		                       });

		while (true) {
			auto chunk = std::make_unique<DataChunk>(plan.schema.size());
			if (!reader.ReadChunk(*chunk)) {
				break;
			}
			for (idx_t i = 0; i < breaker_index_ && chunk->count > 0; i++) {
				plan.operators[i]->Execute(*chunk);
				chunk->ApplyDropRequests();
			}
			if (chunk->count > 0) {
				result.chunks.push_back(std::move(chunk));
			}
		}
		result.spellings = std::move(plan.projection.event_spellings);
	} catch (...) {
		result.error = std::current_exception();
	}
	return result;
}

void QueryExecutor::ConsumeBlock(BlockResult &result) {
	// The bad lines of a block come before its rows, as in a sequential read, where each line is
	// reported as it is read.
	input_stats_.bad_lines += result.stats.bad_lines;
	input_stats_.events_read += result.stats.events_read;
	input_stats_.events_without_time += result.stats.events_without_time;
	for (const auto &[location, message] : result.bad_events) {
		if (on_bad_input_) {
			on_bad_input_(location, message);
		}
	}
	if (result.error) {
		std::rethrow_exception(result.error);
	}

	auto &spellings = plan_.projection.event_spellings;
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
		if (operators[i]->IsExpanding()) {
			operators[i]->Expand(chunk, [&](DataChunk &output) { Push(output, i + 1); });
			return;
		}
		operators[i]->Execute(chunk);
		chunk.ApplyDropRequests();
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
	auto add = [&summary](const ExecutionStats &stats) {
		summary.failed_conversions += stats.failed_conversions;
		summary.rows_dropped += stats.rows_dropped;
		summary.invalid_arguments += stats.invalid_arguments;
	};
	add(*plan_.stats);
	for (const auto &worker : workers_) {
		add(*worker->plan->stats);
	}
	return summary;
}

} // namespace sumoql
