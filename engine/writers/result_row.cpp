#include "engine/execution/schema.hpp"
#include "engine/types/number_text.hpp"
#include "engine/types/value.hpp"
#include "engine/writers/result_writer.hpp"

#include <algorithm>
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

bool IsAutoFieldSlot(const OutputLayout &layout, idx_t slot) {
	return std::find(layout.auto_field_slots.begin(), layout.auto_field_slots.end(), slot) !=
	       layout.auto_field_slots.end();
}

//! Returns true when key `key` of the event or of an auto extraction is not shown as it is:
//! `fields -` removed it, a column the query created replaces it, or it is `_messageTime`,
//! which the row shows first.
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

//! The fields of the row's auto extraction stages, one JSON object per auto-field slot of
//! `layout.columns`, in column order.
std::vector<nlohmann::ordered_json> ReadAutoFields(const DataChunk &chunk, sel_t row, const OutputLayout &layout) {
	std::vector<nlohmann::ordered_json> objects;
	for (idx_t slot : layout.columns) {
		if (!IsAutoFieldSlot(layout, slot)) {
			continue;
		}
		const Vector &column = chunk.columns[slot];
		if (column.type() == LogicalType::kString && column.validity().RowIsValid(row)) {
			objects.push_back(nlohmann::ordered_json::parse(column.strings()[row], nullptr, false));
		} else {
			objects.push_back(nlohmann::ordered_json::object());
		}
	}
	return objects;
}

bool HoldsKey(const std::vector<nlohmann::ordered_json> &objects, std::string_view key) {
	for (const auto &object : objects) {
		if (!object.is_object()) {
			continue;
		}
		for (const auto &[name, value] : object.items()) {
			if (EqualsIgnoringCase(name, key)) {
				return true;
			}
		}
	}
	return false;
}

void AddEventFields(const DataChunk &chunk, sel_t row, const OutputLayout &layout, const Schema &schema,
                    const std::vector<nlohmann::ordered_json> &auto_fields, nlohmann::ordered_json &result) {
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
		// An auto extraction replaces the event's key of the same name.
		if (!IsCreatedOrExcluded(key, layout, schema) && !HoldsKey(auto_fields, key)) {
			result[key] = std::move(value);
		}
	}
}

} // namespace

nlohmann::ordered_json BuildResultRow(const DataChunk &chunk, sel_t row, const QueryPlan &plan) {
	const OutputLayout &layout = plan.output;
	const Schema &schema = plan.schema;
	nlohmann::ordered_json result = nlohmann::ordered_json::object();
	std::vector<nlohmann::ordered_json> auto_fields = ReadAutoFields(chunk, row, layout);

	if (layout.include_event_fields) {
		if (layout.message_time_slot) {
			Value time = Value::FromVector(chunk.columns[*layout.message_time_slot], row);
			if (!time.is_null()) {
				result["_messageTime"] = ToJson(time);
			}
		}
		if (layout.event_text_slot) {
			AddEventFields(chunk, row, layout, schema, auto_fields, result);
		}
	}

	std::size_t next_auto = 0;
	for (idx_t slot : layout.columns) {
		if (!IsAutoFieldSlot(layout, slot)) {
			result[plan.OutputName(slot)] = ToJson(Value::FromVector(chunk.columns[slot], row));
			continue;
		}
		const auto &object = auto_fields[next_auto++];
		if (!object.is_object()) {
			continue;
		}
		for (const auto &[key, value] : object.items()) {
			if (!IsCreatedOrExcluded(key, layout, schema)) {
				result[key] = value;
			}
		}
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
