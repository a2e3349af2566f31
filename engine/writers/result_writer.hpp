#pragma once

#include "engine/execution/query_plan.hpp"
#include "engine/types/data_chunk.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace sumoql {

enum class OutputFormat { kTable, kJsonl, kJson, kCsv };

//! Receives result rows and prints them in one format.
class ResultWriter {
public:
	virtual ~ResultWriter() = default;

	//! Writes one result row, whose fields are in output order.
	virtual void WriteRow(const nlohmann::ordered_json &row) = 0;

	//! Called once after the last row.
	virtual void Finish() {
	}

	//! Names the columns when the query fixes them (a final `fields` list), so that formats
	//! with a header can print one even when no row arrives.
	virtual void DeclareColumns(std::vector<std::string> names) {
	}
};

//! Makes the writer for `format` that prints to `out`.
std::unique_ptr<ResultWriter> MakeResultWriter(OutputFormat format, std::ostream &out);

//! Builds the result row for row `row` of `chunk` under `layout`. Values computed by the query
//! keep their type: numbers as JSON numbers (integral ones without a fraction), booleans as
//! booleans. Event keys shown with include_event_fields keep the JSON value the event had.
nlohmann::ordered_json BuildResultRow(const DataChunk &chunk, sel_t row, const QueryPlan &plan);

//! Renders a JSON value as one cell of text: strings unquoted, null as empty, numbers as Sumo
//! prints them, and objects or arrays as compact JSON.
std::string CellText(const nlohmann::ordered_json &value);

} // namespace sumoql
