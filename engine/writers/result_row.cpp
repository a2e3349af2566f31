#include "engine/execution/schema.hpp"
#include "engine/types/number_text.hpp"
#include "engine/types/value.hpp"
#include "engine/writers/result_writer.hpp"

#include <cmath>

namespace sumoql {

namespace {

nlohmann::ordered_json ToJson(const Value &value) {
	switch (value.type) {
	case LogicalType::kString:
		return std::string(value.string);
	case LogicalType::kNumber: {
		if (IsExactInteger(value.number)) {
			return static_cast<std::int64_t>(value.number);
		}
		if (!std::isfinite(value.number)) {
			return FormatNumber(value.number);
		}
		return value.number;
	}
	case LogicalType::kBoolean:
		return value.boolean;
	case LogicalType::kNull:
		break;
	}
	return nullptr;
}

//! Returns true when event key `key` is not shown as it is: `fields -` removed it, a field the
//! query created replaces it, or it is `_messageTime`, which the row shows first.
bool IsCreatedOrExcluded(std::string_view key, const OutputLayout &layout, const Schema &schema) {
	for (const auto &excluded : layout.excluded) {
		if (EqualsIgnoringCase(excluded, key)) {
			return true;
		}
	}
	for (idx_t slot : layout.columns) {
		if (EqualsIgnoringCase(schema.name(slot), key)) {
			return true;
		}
	}
	return EqualsIgnoringCase(key, "_messageTime");
}

void AddEventFields(const DataChunk &chunk, sel_t row, const OutputLayout &layout, const Schema &schema,
                    nlohmann::ordered_json &result) {
	const Vector &event_text = chunk.columns[*layout.event_text_slot];
	if (event_text.type() != LogicalType::kString || !event_text.validity().RowIsValid(row)) {
		return;
	}

	std::string_view text = event_text.strings()[row];
	auto event = nlohmann::ordered_json::parse(text, nullptr, false);
	if (!event.is_object()) {
		return;
	}
	for (auto &[key, value] : event.items()) {
		if (!IsCreatedOrExcluded(key, layout, schema)) {
			result[key] = std::move(value);
		}
	}
}

} // namespace

nlohmann::ordered_json BuildResultRow(const DataChunk &chunk, sel_t row, const QueryPlan &plan) {
	const OutputLayout &layout = plan.output;
	const Schema &schema = plan.schema;
	nlohmann::ordered_json result = nlohmann::ordered_json::object();

	if (layout.include_event_fields) {
		if (layout.message_time_slot) {
			Value time = Value::FromVector(chunk.columns[*layout.message_time_slot], row);
			if (!time.is_null()) {
				result["_messageTime"] = ToJson(time);
			}
		}
		if (layout.event_text_slot) {
			AddEventFields(chunk, row, layout, schema, result);
		}
	}

	for (idx_t slot : layout.columns) {
		result[plan.OutputName(slot)] = ToJson(Value::FromVector(chunk.columns[slot], row));
	}
	return result;
}

std::string CellText(const nlohmann::ordered_json &value) {
	if (value.is_null()) {
		return {};
	}
	if (value.is_string()) {
		return value.get<std::string>();
	}
	if (value.is_number()) {
		return FormatNumber(value.get<double>());
	}
	return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace sumoql
