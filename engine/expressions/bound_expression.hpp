#pragma once

#include "engine/types/data_chunk.hpp"
#include "engine/types/selection_vector.hpp"
#include "engine/types/vector.hpp"
#include "grammar/source_span.hpp"

#include <memory>

namespace sumoql {

//! An expression whose fields are resolved to chunk slots and whose functions are bound.
//! Each node owns the scratch vectors it evaluates its children into, built once per query and
//! reused for every chunk, so evaluation does not allocate.
//!
//! Every method works on the rows listed in the first `count` entries of `selection`, which are
//! row indexes into `chunk`. Rows outside the selection are left undefined in results.
class BoundExpression {
public:
	explicit BoundExpression(SourceSpan span) : span_(span) {
	}
	virtual ~BoundExpression() = default;

	//! Computes the value of each selected row into `result`.
	virtual void Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	                     Vector &result) = 0;

	//! Writes the selected rows whose value is true into `true_selection`, in order, and
	//! returns how many there are. Null and non-boolean values count as false.
	virtual idx_t Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
	                     SelectionVector &true_selection);

	//! Returns the chunk's own vector when this expression is a plain field reference, so a
	//! kernel can read it without a copy; nullptr otherwise.
	virtual const Vector *DirectVector(const DataChunk &chunk) const {
		return nullptr;
	}

	//! Returns true when every row has the same value, known when the query is planned.
	virtual bool IsConstant() const {
		return false;
	}

	SourceSpan span() const {
		return span_;
	}

private:
	SourceSpan span_;
	Vector select_scratch_;
};

using BoundExpressionPtr = std::unique_ptr<BoundExpression>;

//! Evaluates `expression` for the selected rows and returns a vector that holds the values:
//! the chunk's own column for a field reference, else `scratch` after it was filled.
const Vector &EvaluateChild(BoundExpression &expression, DataChunk &chunk,
                            const SelectionVector &selection, idx_t count, Vector &scratch);

//! Returns true when row `row` of `vector` is a valid boolean true, or the string "true" in any
//! case, which is how Sumo reads a boolean field that came from text.
bool IsTrue(const Vector &vector, idx_t row);

} // namespace sumoql

namespace sumoql {

//! Writes a boolean for each selected row: true for the rows in the first `true_count` entries
//! of `true_selection` (a sub-sequence of `selection`), false for the others. Never null.
void WriteSelectionAsBooleans(const SelectionVector &selection, idx_t count,
                              const SelectionVector &true_selection, idx_t true_count, Vector &result);

} // namespace sumoql
