#include "engine/operators/group_key.hpp"

#include <cstring>

namespace sumoql {

void AppendKeyValue(const Value &value, std::string &key) {
	key += static_cast<char>(value.type);
	switch (value.type) {
	case LogicalType::kString: {
		// The length prefix keeps ("ab", "c") apart from ("a", "bc").
		auto length = static_cast<std::uint32_t>(value.string.size());
		key.append(reinterpret_cast<const char *>(&length), sizeof(length));
		key += value.string;
		break;
	}
	case LogicalType::kNumber: {
		// -0 and 0 are equal numbers, so they must encode alike.
		double number = value.number == 0 ? 0.0 : value.number;
		char bytes[sizeof(double)];
		std::memcpy(bytes, &number, sizeof(number));
		key.append(bytes, sizeof(bytes));
		break;
	}
	case LogicalType::kBoolean:
		key += value.boolean ? '\1' : '\0';
		break;
	case LogicalType::kNull:
		break;
	}
}

void BuildGroupKey(const DataChunk &chunk, sel_t row, const std::vector<idx_t> &slots, std::string &key) {
	key.clear();
	for (idx_t slot : slots) {
		AppendKeyValue(Value::FromVector(chunk.columns[slot], row), key);
	}
}

} // namespace sumoql
