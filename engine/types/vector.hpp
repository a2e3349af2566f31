#pragma once

#include "engine/types/constants.hpp"
#include "engine/types/logical_type.hpp"
#include "engine/types/validity_mask.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sumoql {

//! One column of a chunk: kVectorSize slots of a single LogicalType plus a validity mask.
//! Rows are addressed by their index in the chunk, so a filter that drops rows leaves the vector
//! as it is, and readers of the vector go through the chunk's SelectionVector.
//! Strings are views: into the input buffer's copy in the chunk's StringHeap, into a literal of
//! the query, or into an operator's own heap. The vector never owns string bytes.
class Vector {
public:
	Vector() = default;

	LogicalType type() const {
		return type_;
	}

	//! Changes the type. Storage for the type is allocated on first use and kept, so switching
	//! types from chunk to chunk does not allocate.
	void SetType(LogicalType type);

	ValidityMask &validity() {
		return validity_;
	}

	const ValidityMask &validity() const {
		return validity_;
	}

	std::string_view *strings() {
		return strings_.data();
	}

	const std::string_view *strings() const {
		return strings_.data();
	}

	double *numbers() {
		return numbers_.data();
	}

	const double *numbers() const {
		return numbers_.data();
	}

	std::uint8_t *booleans() {
		return booleans_.data();
	}

	const std::uint8_t *booleans() const {
		return booleans_.data();
	}

	//! Makes this an all-null vector.
	void SetAllNull() {
		type_ = LogicalType::kNull;
		validity_.SetAllInvalid();
	}

	void Swap(Vector &other);

private:
	LogicalType type_ = LogicalType::kNull;
	ValidityMask validity_;
	std::vector<std::string_view> strings_;
	std::vector<double> numbers_;
	std::vector<std::uint8_t> booleans_;
};

} // namespace sumoql
