#include "engine/aggregates/aggregate_function.hpp"

#include "engine/types/number_text.hpp"

namespace sumoql {

bool ReadNumber(const Vector &vector, idx_t row, double &out) {
	if (!vector.validity().RowIsValid(row)) {
		return false;
	}
	switch (vector.type()) {
	case LogicalType::kNumber:
		out = vector.numbers()[row];
		return true;
	case LogicalType::kString:
		return ParseNumber(vector.strings()[row], out);
	case LogicalType::kBoolean:
	case LogicalType::kNull:
		break;
	}
	return false;
}

std::optional<std::string_view> ReadText(const Vector &vector, idx_t row, char *buffer) {
	if (!vector.validity().RowIsValid(row)) {
		return std::nullopt;
	}
	switch (vector.type()) {
	case LogicalType::kString:
		return vector.strings()[row];
	case LogicalType::kNumber:
		return std::string_view(buffer, FormatNumberTo(vector.numbers()[row], buffer));
	case LogicalType::kBoolean:
		return vector.booleans()[row] ? std::string_view("true") : std::string_view("false");
	case LogicalType::kNull:
		break;
	}
	return std::nullopt;
}

} // namespace sumoql
