#include "engine/types/vector.hpp"

#include <utility>

namespace sumoql {

void Vector::SetType(LogicalType type) {
	type_ = type;
	switch (type) {
	case LogicalType::kString:
		if (strings_.empty()) {
			strings_.resize(kVectorSize);
		}
		break;
	case LogicalType::kNumber:
		if (numbers_.empty()) {
			numbers_.resize(kVectorSize);
		}
		break;
	case LogicalType::kBoolean:
		if (booleans_.empty()) {
			booleans_.resize(kVectorSize);
		}
		break;
	case LogicalType::kNull:
		validity_.SetAllInvalid();
		break;
	}
}

void Vector::Swap(Vector &other) {
	std::swap(type_, other.type_);
	std::swap(validity_, other.validity_);
	strings_.swap(other.strings_);
	numbers_.swap(other.numbers_);
	booleans_.swap(other.booleans_);
}

} // namespace sumoql
