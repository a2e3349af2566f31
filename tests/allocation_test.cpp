// Kernels must not allocate per chunk: every scratch vector is built once per query. This test
// counts heap allocations while the detection's filters and expressions run over one chunk a
// thousand times.

#include "engine/execution/query_plan.hpp"
#include "grammar/parser.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<std::size_t> allocation_count {0};

} // namespace

void *operator new(std::size_t size) {
	allocation_count++;
	if (void *memory = std::malloc(size == 0 ? 1 : size)) {
		return memory;
	}
	throw std::bad_alloc();
}

void operator delete(void *memory) noexcept {
	std::free(memory);
}

void operator delete(void *memory, std::size_t) noexcept {
	std::free(memory);
}

namespace sumoql {
namespace {

TEST(Allocation, StreamingOperatorsDoNotAllocatePerChunk) {
	const char *query_text = "| where EventID = \"3\" OR EventCode = \"3\"\n"
	                         "| where !(DestinationIp matches \"10.*\") AND !(DestinationIp matches \"192.168.*\")\n"
	                         "| num(DestinationPort) as dst_port\n"
	                         "| where dst_port >= 4096 AND dst_port <= 49151 AND dst_port in (5000, 6000)\n"
	                         "| (dst_port * 2) + 1 as doubled\n"
	                         "| if(doubled > 10, \"big\", \"small\") as size\n"
	                         "| where !isNull(size)";
	ast::Query query = ParseQuery(query_text);
	auto plan = PlanQuery(query, PlanOptions {});

	auto fill = [&](DataChunk &chunk) {
		chunk.Reset();
		for (const char *name : {"EventID", "DestinationIp", "DestinationPort"}) {
			Vector &column = chunk.columns[*plan->schema.Find(name)];
			column.SetType(LogicalType::kString);
			column.validity().SetAllValid();
		}
		for (idx_t row = 0; row < kVectorSize; row++) {
			chunk.columns[*plan->schema.Find("EventID")].strings()[row] = "3";
			chunk.columns[*plan->schema.Find("DestinationIp")].strings()[row] = row % 2 ? "10.0.0.1" : "203.0.113.7";
			chunk.columns[*plan->schema.Find("DestinationPort")].strings()[row] = row % 3 ? "5000" : "80";
		}
		chunk.SetRowCount(kVectorSize);
	};
	auto run_once = [&](DataChunk &chunk) {
		fill(chunk);
		for (auto &op : plan->operators) {
			op->Execute(chunk);
		}
	};

	DataChunk chunk(plan->schema.size());
	run_once(chunk);
	ASSERT_GT(chunk.count, 0u);

	std::size_t before = allocation_count.load();
	for (int i = 0; i < 1000; i++) {
		run_once(chunk);
	}
	EXPECT_EQ(allocation_count.load() - before, 0u);
}

} // namespace
} // namespace sumoql
