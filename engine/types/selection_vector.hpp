#pragma once

#include "engine/types/constants.hpp"

#include <array>

namespace sumoql {

//! The rows of a chunk that are still alive, as ascending row indexes. Filters shrink it in
//! place of copying rows; kernels read and write only the rows it lists.
class SelectionVector {
public:
	sel_t Get(idx_t i) const {
		return indexes_[i];
	}

	void Set(idx_t i, sel_t row) {
		indexes_[i] = row;
	}

	//! Makes the selection the identity 0, 1, ..., count - 1.
	void SetIdentity(idx_t count) {
		for (idx_t i = 0; i < count; i++) {
			indexes_[i] = static_cast<sel_t>(i);
		}
	}

	const sel_t *data() const {
		return indexes_.data();
	}

	sel_t *data() {
		return indexes_.data();
	}

private:
	// Left uninitialised: a selection is only read up to the count its writer returned.
	std::array<sel_t, kVectorSize> indexes_;
};

} // namespace sumoql
