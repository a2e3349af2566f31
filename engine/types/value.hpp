#pragma once

#include "engine/types/logical_type.hpp"
#include "engine/types/vector.hpp"

#include <string_view>

namespace sumoql {

//! One value lifted out of a vector, for the few places that hold rows outside a chunk (sort,
//! writers). The string view points wherever the vector's view pointed.
struct Value {
	LogicalType type = LogicalType::kNull;
	double number = 0;
	bool boolean = false;
	std::string_view string;

	bool is_null() const {
		return type == LogicalType::kNull;
	}

	//! Reads row `row` of `vector`; an invalid row gives a null value.
	static Value FromVector(const Vector &vector, idx_t row);

	//! Writes this value into row `row` of `vector`, whose type must already be this value's type
	//! or which must accept a null.
	void WriteTo(Vector &vector, idx_t row) const;
};

} // namespace sumoql
