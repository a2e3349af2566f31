#include "engine/types/value.hpp"

namespace sumoql {

Value Value::FromVector(const Vector &vector, idx_t row) {
	Value value;
	if (vector.type() == LogicalType::kNull || !vector.validity().RowIsValid(row)) {
		return value;
	}

	value.type = vector.type();
	switch (vector.type()) {
	case LogicalType::kString:
		value.string = vector.strings()[row];
		break;
	case LogicalType::kNumber:
		value.number = vector.numbers()[row];
		break;
	case LogicalType::kBoolean:
		value.boolean = vector.booleans()[row] != 0;
		break;
	case LogicalType::kNull:
		break;
	}
	return value;
}

void Value::WriteTo(Vector &vector, idx_t row) const {
	if (is_null()) {
		vector.validity().SetInvalid(row);
		return;
	}

	vector.validity().SetValid(row);
	switch (type) {
	case LogicalType::kString:
		vector.strings()[row] = string;
		break;
	case LogicalType::kNumber:
		vector.numbers()[row] = number;
		break;
	case LogicalType::kBoolean:
		vector.booleans()[row] = boolean ? 1 : 0;
		break;
	case LogicalType::kNull:
		break;
	}
}

} // namespace sumoql
