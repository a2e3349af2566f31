#include "engine/expressions/comparison.hpp"

#include "engine/execution/schema.hpp"
#include "engine/expressions/bound_constant.hpp"
#include "engine/types/number_text.hpp"

#include <optional>

#include <string_view>

namespace sumoql {

namespace {

//! The outcome of ordering two non-null values: either not comparable, or -1, 0 or 1.
struct Ordering {
	bool comparable = false;
	int order = 0;
};

template <class T>
Ordering OrderOf(const T &left, const T &right) {
	if (left < right) {
		return {true, -1};
	}
	if (right < left) {
		return {true, 1};
	}
	if (left == right) {
		return {true, 0};
	}
	return {}; // NaN
}

template <ComparisonType TYPE>
bool Holds(Ordering ordering) {
	if (!ordering.comparable) {
		return TYPE == ComparisonType::kNotEqual;
	}
	switch (TYPE) {
	case ComparisonType::kEqual:
		return ordering.order == 0;
	case ComparisonType::kNotEqual:
		return ordering.order != 0;
	case ComparisonType::kLess:
		return ordering.order < 0;
	case ComparisonType::kLessEqual:
		return ordering.order <= 0;
	case ComparisonType::kGreater:
		return ordering.order > 0;
	case ComparisonType::kGreaterEqual:
		return ordering.order >= 0;
	}
	return false;
}

template <ComparisonType TYPE>
Ordering OrderStrings(std::string_view left, std::string_view right) {
	constexpr bool kIsEquality = TYPE == ComparisonType::kEqual || TYPE == ComparisonType::kNotEqual;
	if (!kIsEquality) {
		double left_number;
		double right_number;
		if (ParseNumber(left, left_number) && ParseNumber(right, right_number)) {
			return OrderOf(left_number, right_number);
		}
	}
	int order = left.compare(right);
	return {true, order < 0 ? -1 : (order > 0 ? 1 : 0)};
}

Ordering OrderStringAndNumber(std::string_view text, double number) {
	double parsed;
	if (!ParseNumber(text, parsed)) {
		return {};
	}
	return OrderOf(parsed, number);
}

Ordering OrderBooleanAndString(bool boolean, std::string_view text) {
	bool is_true = EqualsIgnoringCase(text, "true");
	if (!is_true && !EqualsIgnoringCase(text, "false")) {
		return {};
	}
	return {true, is_true == boolean ? 0 : 1};
}

template <ComparisonType TYPE>
Ordering OrderValues(const Value &left, const Value &right) {
	using enum LogicalType;
	if (left.type == kNumber && right.type == kNumber) {
		return OrderOf(left.number, right.number);
	}
	if (left.type == kString && right.type == kString) {
		return OrderStrings<TYPE>(left.string, right.string);
	}
	if (left.type == kString && right.type == kNumber) {
		return OrderStringAndNumber(left.string, right.number);
	}
	if (left.type == kNumber && right.type == kString) {
		Ordering reversed = OrderStringAndNumber(right.string, left.number);
		return {reversed.comparable, -reversed.order};
	}
	constexpr bool kIsEquality = TYPE == ComparisonType::kEqual || TYPE == ComparisonType::kNotEqual;
	if (!kIsEquality) {
		return {};
	}
	if (left.type == kBoolean && right.type == kBoolean) {
		return {true, left.boolean == right.boolean ? 0 : 1};
	}
	if (left.type == kBoolean && right.type == kString) {
		return OrderBooleanAndString(left.boolean, right.string);
	}
	if (left.type == kString && right.type == kBoolean) {
		return OrderBooleanAndString(right.boolean, left.string);
	}
	return {};
}

//! Runs `matches(row)` over the selection and keeps the rows where it is true.
template <class PREDICATE>
idx_t SelectRows(const SelectionVector &selection, idx_t count, SelectionVector &true_selection,
                 PREDICATE &&matches) {
	idx_t true_count = 0;
	for (idx_t i = 0; i < count; i++) {
		sel_t row = selection.Get(i);
		if (matches(row)) {
			true_selection.Set(true_count++, row);
		}
	}
	return true_count;
}

// Number against a number constant, the hot case of `where dst_port != 8080`: no per-row
// type dispatch and no Value construction.
template <ComparisonType TYPE>
idx_t SelectNumbersAgainstConstant(const Vector &left, double constant, const SelectionVector &selection,
                                   idx_t count, SelectionVector &true_selection) {
	const double *numbers = left.numbers();
	const ValidityMask &validity = left.validity();
	return SelectRows(selection, count, true_selection, [&](sel_t row) {
		return validity.RowIsValid(row) && Holds<TYPE>(OrderOf(numbers[row], constant));
	});
}

// String against a string constant, the hot case of `where EventID = "3"`.
template <ComparisonType TYPE>
idx_t SelectStringsAgainstConstant(const Vector &left, std::string_view constant,
                                   const SelectionVector &selection, idx_t count,
                                   SelectionVector &true_selection) {
	const std::string_view *strings = left.strings();
	const ValidityMask &validity = left.validity();
	return SelectRows(selection, count, true_selection, [&](sel_t row) {
		return validity.RowIsValid(row) && Holds<TYPE>(OrderStrings<TYPE>(strings[row], constant));
	});
}

template <ComparisonType TYPE>
idx_t SelectVectors(const Vector &left, const Vector &right, const SelectionVector &selection,
                    idx_t count, SelectionVector &true_selection) {
	if (left.type() == LogicalType::kNull || right.type() == LogicalType::kNull) {
		return 0;
	}
	if (left.type() == LogicalType::kNumber && right.type() == LogicalType::kNumber) {
		const double *left_numbers = left.numbers();
		const double *right_numbers = right.numbers();
		return SelectRows(selection, count, true_selection, [&](sel_t row) {
			return left.validity().RowIsValid(row) && right.validity().RowIsValid(row) &&
			       Holds<TYPE>(OrderOf(left_numbers[row], right_numbers[row]));
		});
	}
	return SelectRows(selection, count, true_selection, [&](sel_t row) {
		Value left_value = Value::FromVector(left, row);
		Value right_value = Value::FromVector(right, row);
		if (left_value.is_null() || right_value.is_null()) {
			return false;
		}
		return Holds<TYPE>(OrderValues<TYPE>(left_value, right_value));
	});
}

template <ComparisonType TYPE>
idx_t SelectAgainstConstant(const Vector &left, const Value &constant, const SelectionVector &selection,
                            idx_t count, SelectionVector &true_selection) {
	if (left.type() == LogicalType::kNull || constant.is_null()) {
		return 0;
	}
	if (left.type() == LogicalType::kNumber && constant.type == LogicalType::kNumber) {
		return SelectNumbersAgainstConstant<TYPE>(left, constant.number, selection, count, true_selection);
	}
	if (left.type() == LogicalType::kString && constant.type == LogicalType::kString) {
		return SelectStringsAgainstConstant<TYPE>(left, constant.string, selection, count, true_selection);
	}
	return SelectRows(selection, count, true_selection, [&](sel_t row) {
		Value left_value = Value::FromVector(left, row);
		return !left_value.is_null() && Holds<TYPE>(OrderValues<TYPE>(left_value, constant));
	});
}

template <ComparisonType TYPE>
bool CompareValuesTyped(const Value &left, const Value &right) {
	if (left.is_null() || right.is_null()) {
		return false;
	}
	return Holds<TYPE>(OrderValues<TYPE>(left, right));
}

} // namespace

bool CompareValues(ComparisonType type, const Value &left, const Value &right) {
	switch (type) {
	case ComparisonType::kEqual:
		return CompareValuesTyped<ComparisonType::kEqual>(left, right);
	case ComparisonType::kNotEqual:
		return CompareValuesTyped<ComparisonType::kNotEqual>(left, right);
	case ComparisonType::kLess:
		return CompareValuesTyped<ComparisonType::kLess>(left, right);
	case ComparisonType::kLessEqual:
		return CompareValuesTyped<ComparisonType::kLessEqual>(left, right);
	case ComparisonType::kGreater:
		return CompareValuesTyped<ComparisonType::kGreater>(left, right);
	case ComparisonType::kGreaterEqual:
		return CompareValuesTyped<ComparisonType::kGreaterEqual>(left, right);
	}
	return false;
}

namespace {

//! Returns the comparison that gives the same result with its operands swapped.
ComparisonType Mirror(ComparisonType type) {
	switch (type) {
	case ComparisonType::kLess:
		return ComparisonType::kGreater;
	case ComparisonType::kLessEqual:
		return ComparisonType::kGreaterEqual;
	case ComparisonType::kGreater:
		return ComparisonType::kLess;
	case ComparisonType::kGreaterEqual:
		return ComparisonType::kLessEqual;
	default:
		return type;
	}
}

template <ComparisonType TYPE>
idx_t SelectTyped(const Vector &left, const Vector *right, const Value *constant,
                  const SelectionVector &selection, idx_t count, SelectionVector &true_selection) {
	if (constant) {
		return SelectAgainstConstant<TYPE>(left, *constant, selection, count, true_selection);
	}
	return SelectVectors<TYPE>(left, *right, selection, count, true_selection);
}

} // namespace

BoundComparison::BoundComparison(SourceSpan span, ComparisonType type, BoundExpressionPtr left,
                                 BoundExpressionPtr right)
    : BoundExpression(span), type_(type), left_(std::move(left)), right_(std::move(right)) {
	// A constant on the left (`8080 = port`) is moved to the right, where the kernels expect it.
	if (left_->IsConstant() && !right_->IsConstant()) {
		std::swap(left_, right_);
		type_ = Mirror(type_);
	}
	if (auto *constant = dynamic_cast<const BoundConstant *>(right_.get())) {
		right_constant_ = constant->value();
	}
}

idx_t BoundComparison::Select(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                              SelectionVector &true_selection) {
	const Vector &left = EvaluateChild(*left_, chunk, selection, count, left_scratch_);

	const Vector *right = nullptr;
	const Value *constant = right_constant_ ? &*right_constant_ : nullptr;
	if (!constant) {
		right = &EvaluateChild(*right_, chunk, selection, count, right_scratch_);
	}

	switch (type_) {
	case ComparisonType::kEqual:
		return SelectTyped<ComparisonType::kEqual>(left, right, constant, selection, count, true_selection);
	case ComparisonType::kNotEqual:
		return SelectTyped<ComparisonType::kNotEqual>(left, right, constant, selection, count, true_selection);
	case ComparisonType::kLess:
		return SelectTyped<ComparisonType::kLess>(left, right, constant, selection, count, true_selection);
	case ComparisonType::kLessEqual:
		return SelectTyped<ComparisonType::kLessEqual>(left, right, constant, selection, count, true_selection);
	case ComparisonType::kGreater:
		return SelectTyped<ComparisonType::kGreater>(left, right, constant, selection, count, true_selection);
	case ComparisonType::kGreaterEqual:
		return SelectTyped<ComparisonType::kGreaterEqual>(left, right, constant, selection, count,
		                                                  true_selection);
	}
	return 0;
}

void BoundComparison::Execute(DataChunk &chunk, const SelectionVector &selection, idx_t count,
                              Vector &result) {
	idx_t true_count = Select(chunk, selection, count, execute_selection_);
	WriteSelectionAsBooleans(selection, count, execute_selection_, true_count, result);
}

} // namespace sumoql
