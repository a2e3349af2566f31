#include "engine/types/value_text.hpp"

#include "engine/types/number_text.hpp"

namespace sumoql {

std::string_view ValueAsText(const Vector &vector, idx_t row, DataChunk &chunk) {
	switch (vector.type()) {
	case LogicalType::kString:
		return vector.strings()[row];
	case LogicalType::kNumber: {
		char buffer[32];
		return chunk.heap.AddString({buffer, FormatNumberTo(vector.numbers()[row], buffer)});
	}
	case LogicalType::kBoolean:
		return vector.booleans()[row] ? "true" : "false";
	case LogicalType::kNull:
		break;
	}
	return {};
}

} // namespace sumoql
