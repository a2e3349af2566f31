#include "engine/types/value_column.hpp"

#include "engine/types/number_text.hpp"

namespace sumoql {

namespace {

LogicalType CommonType(std::span<const Value> values) {
	LogicalType type = LogicalType::kNull;
	for (const Value &value : values) {
		if (value.type == LogicalType::kNull || value.type == type) {
			continue;
		}
		type = type == LogicalType::kNull ? value.type : LogicalType::kString;
	}
	return type;
}

} // namespace

void WriteValueColumn(std::span<const Value> values, Vector &vector, StringHeap &heap) {
	vector.SetType(CommonType(values));
	if (vector.type() == LogicalType::kNull) {
		return;
	}
	for (idx_t row = 0; row < values.size(); row++) {
		Value value = values[row];
		if (!value.is_null() && value.type != vector.type()) {
			char buffer[32];
			value.string = value.type == LogicalType::kNumber
			                   ? heap.AddString({buffer, FormatNumberTo(value.number, buffer)})
			                   : std::string_view(value.boolean ? "true" : "false");
			value.type = LogicalType::kString;
		}
		value.WriteTo(vector, row);
	}
}

} // namespace sumoql
