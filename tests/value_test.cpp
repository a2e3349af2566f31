// Values and coercion: number text, comparisons between types, and null handling.

#include "engine/expressions/comparison.hpp"
#include "engine/types/number_text.hpp"
#include "engine/types/value.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace sumoql {
namespace {

Value String(std::string_view text) {
	Value value;
	value.type = LogicalType::kString;
	value.string = text;
	return value;
}

Value Number(double number) {
	Value value;
	value.type = LogicalType::kNumber;
	value.number = number;
	return value;
}

Value Boolean(bool boolean) {
	Value value;
	value.type = LogicalType::kBoolean;
	value.boolean = boolean;
	return value;
}

TEST(NumberText, ParsesDecimalAndScientific) {
	double value = 0;
	EXPECT_TRUE(ParseNumber("8443", value));
	EXPECT_EQ(value, 8443);
	EXPECT_TRUE(ParseNumber(" 3.5 ", value));
	EXPECT_EQ(value, 3.5);
	EXPECT_TRUE(ParseNumber("-1e3", value));
	EXPECT_EQ(value, -1000);
	EXPECT_TRUE(ParseNumber("+7", value));
	EXPECT_EQ(value, 7);
}

TEST(NumberText, RejectsNonNumbers) {
	double value = 42;
	EXPECT_FALSE(ParseNumber("", value));
	EXPECT_FALSE(ParseNumber("abc", value));
	EXPECT_FALSE(ParseNumber("12abc", value));
	EXPECT_FALSE(ParseNumber("inf", value));
	EXPECT_FALSE(ParseNumber("NaN", value));
	EXPECT_FALSE(ParseNumber("fe80::1", value));
	EXPECT_EQ(value, 42);
}

TEST(NumberText, FormatsWithoutSpuriousFraction) {
	EXPECT_EQ(FormatNumber(8443.0), "8443");
	EXPECT_EQ(FormatNumber(-2.0), "-2");
	EXPECT_EQ(FormatNumber(40.5), "40.5");
	EXPECT_EQ(FormatNumber(0.1), "0.1");
	EXPECT_EQ(FormatNumber(1714557600123.0), "1714557600123");
	EXPECT_EQ(FormatNumber(std::numeric_limits<double>::infinity()), "Infinity");
}

TEST(Comparison, JsonNumberTextEqualsString) {
	EXPECT_TRUE(CompareValues(ComparisonType::kEqual, String("3"), String("3")));
	EXPECT_FALSE(CompareValues(ComparisonType::kEqual, String("3"), String("3.0")));
}

TEST(Comparison, StringAgainstNumberIsNumeric) {
	EXPECT_TRUE(CompareValues(ComparisonType::kLess, String("12"), Number(100)));
	EXPECT_TRUE(CompareValues(ComparisonType::kEqual, String("3.0"), Number(3)));
	EXPECT_TRUE(CompareValues(ComparisonType::kGreaterEqual, Number(4096), String("4096")));
}

TEST(Comparison, NonNumericTextAgainstNumber) {
	EXPECT_FALSE(CompareValues(ComparisonType::kEqual, String("abc"), Number(1)));
	EXPECT_TRUE(CompareValues(ComparisonType::kNotEqual, String("abc"), Number(1)));
	EXPECT_FALSE(CompareValues(ComparisonType::kLess, String("abc"), Number(1)));
}

TEST(Comparison, StringOrderingIsNumericWhenBothAreNumbers) {
	EXPECT_TRUE(CompareValues(ComparisonType::kLess, String("9"), String("10")));
	EXPECT_TRUE(CompareValues(ComparisonType::kGreater, String("b"), String("a")));
	EXPECT_TRUE(CompareValues(ComparisonType::kLess, String("A"), String("a")));
}

TEST(Comparison, EqualityIsCaseSensitive) {
	EXPECT_TRUE(CompareValues(ComparisonType::kNotEqual, String("Root"), String("root")));
}

TEST(Comparison, NullMakesEveryComparisonFalse) {
	Value null;
	EXPECT_FALSE(CompareValues(ComparisonType::kEqual, null, String("x")));
	EXPECT_FALSE(CompareValues(ComparisonType::kNotEqual, null, String("x")));
	EXPECT_FALSE(CompareValues(ComparisonType::kNotEqual, Number(8080), null));
	EXPECT_FALSE(CompareValues(ComparisonType::kEqual, null, null));
}

TEST(Comparison, BooleanAgainstText) {
	EXPECT_TRUE(CompareValues(ComparisonType::kEqual, Boolean(true), String("true")));
	EXPECT_TRUE(CompareValues(ComparisonType::kEqual, String("FALSE"), Boolean(false)));
	EXPECT_FALSE(CompareValues(ComparisonType::kLess, Boolean(false), Boolean(true)));
}

} // namespace
} // namespace sumoql
