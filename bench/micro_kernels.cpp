// Google Benchmark micro-benchmarks for the hot kernels of a detection: reading projected
// fields from NDJSON, `matches` with a wildcard, `parse regex`, comparison and arithmetic.
// Each measures whole chunks of kVectorSize rows, as the engine runs them.
//
// Build: cmake --build build --target sumoql_micro_bench (needs libbenchmark-dev).

#include "engine/execution/query_plan.hpp"
#include "engine/readers/json_event_reader.hpp"
#include "grammar/parser.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace sumoql {
namespace {

namespace fs = std::filesystem;

//! Writes `count` Sysmon-like events to a temporary file and returns its path.
fs::path WriteEvents(int count) {
	fs::path path = fs::temp_directory_path() / "sumoql_micro_bench.jsonl";
	std::ofstream out(path);
	for (int i = 0; i < count; i++) {
		out << R"({"_sourceCategory":"prod/windows/sysmon","EventID":3,"UtcTime":"2024-05-01 10:00:00.123",)"
		    << R"("Computer":"WS-0001.corp.example.com","User":"CORP\\user001","Image":"C:\\Windows\\System32\\svchost.exe",)"
		    << R"("CommandLine":"svchost.exe -k netsvcs","DestinationIp":"203.0.113.)" << i % 250
		    << R"(","DestinationPort":)" << 4000 + i % 1000 << R"(,"Message":"Network connection detected"})" << '\n';
	}
	return path;
}

//! Builds a chunk of the plan's schema whose string columns `DestinationIp` and `DestinationPort`
//! are filled for every row.
void FillChunk(const QueryPlan &plan, DataChunk &chunk) {
	chunk.Reset();
	static const std::string kIps[] = {"10.1.2.3", "203.0.113.7", "172.16.0.9", "198.51.100.23"};
	static const std::string kPorts[] = {"443", "10198", "8080", "5514"};
	for (const char *name : {"DestinationIp", "DestinationPort"}) {
		if (auto slot = plan.schema.Find(name)) {
			Vector &column = chunk.columns[*slot];
			column.SetType(LogicalType::kString);
			column.validity().SetAllValid();
			for (idx_t row = 0; row < kVectorSize; row++) {
				column.strings()[row] = std::string(name) == "DestinationIp" ? kIps[row % 4] : kPorts[row % 4];
			}
		}
	}
	chunk.SetRowCount(kVectorSize);
}

//! Runs the streaming operators of `query_text` over one full chunk per iteration.
void RunQueryOverChunks(benchmark::State &state, const char *query_text) {
	ast::Query query = ParseQuery(query_text);
	auto plan = PlanQuery(query, PlanOptions {});
	DataChunk chunk(plan->schema.size());
	for (auto _ : state) {
		FillChunk(*plan, chunk);
		for (auto &op : plan->operators) {
			op->Execute(chunk);
		}
		benchmark::DoNotOptimize(chunk.count);
	}
	state.SetItemsProcessed(state.iterations() * kVectorSize);
}

void FieldExtraction(benchmark::State &state) {
	fs::path path = WriteEvents(10000);
	ast::Query query = ParseQuery("| fields EventID, DestinationIp, DestinationPort, Image");
	auto plan = PlanQuery(query, PlanOptions {});
	DataChunk chunk(plan->schema.size());
	std::int64_t events = 0;
	for (auto _ : state) {
		InputStats stats;
		JsonEventReader reader(path.string(), plan->projection, stats, nullptr);
		while (true) {
			chunk.Reset();
			if (!reader.ReadChunk(chunk)) {
				break;
			}
		}
		events += static_cast<std::int64_t>(stats.events_read);
	}
	state.SetItemsProcessed(events);
	fs::remove(path);
}

void MatchesWildcard(benchmark::State &state) {
	RunQueryOverChunks(state, "| where !(DestinationIp matches \"10.*\") AND !(DestinationIp matches \"172.16.*\")");
}

void ParseRegex(benchmark::State &state) {
	RunQueryOverChunks(state,
	                   "| parse regex field=DestinationIp \"^(?<a>\\d{1,3})\\.(?<b>\\d{1,3})\\.(?<c>\\d{1,3})\\.\" nodrop");
}

void Comparison(benchmark::State &state) {
	RunQueryOverChunks(state, "| num(DestinationPort) as p | where p >= 4096 AND p <= 49151 AND p != 8080");
}

void Arithmetic(benchmark::State &state) {
	RunQueryOverChunks(state, "| num(DestinationPort) as p | (p * 3) + p as q | p * (q + 1) as r");
}

BENCHMARK(FieldExtraction)->Unit(benchmark::kMillisecond);
BENCHMARK(MatchesWildcard);
BENCHMARK(ParseRegex);
BENCHMARK(Comparison);
BENCHMARK(Arithmetic);

} // namespace
} // namespace sumoql

BENCHMARK_MAIN();
