#pragma once

#include <cstdint>
#include <string_view>

namespace sumoql {

//! Type of every value in one vector of one chunk. Sumo fields are strings unless an operation
//! makes a number (num, arithmetic) or a boolean (comparisons). kNull is a vector whose rows are
//! all null, such as a field no event had.
enum class LogicalType : std::uint8_t { kNull, kString, kNumber, kBoolean };

constexpr std::string_view LogicalTypeName(LogicalType type) {
	switch (type) {
	case LogicalType::kNull:
		return "null";
	case LogicalType::kString:
		return "string";
	case LogicalType::kNumber:
		return "number";
	case LogicalType::kBoolean:
		return "boolean";
	}
	return "unknown";
}

} // namespace sumoql
