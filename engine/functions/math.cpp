// The math functions of Sumo's math expressions, which mirror java.lang.Math: abs, round, ceil,
// floor, roots, exponentials and logarithms, trigonometry in radians, toDegrees, toRadians,
// hypot, pow, and the two-argument min and max. Each takes numbers or text that reads as a
// number and returns a double. A null argument, or text that is not a number, gives null.

#include "engine/functions/row_executor.hpp"

#include <array>
#include <cmath>
#include <numbers>

namespace sumoql {

namespace {

using UnaryMath = double (*)(double);
using BinaryMath = double (*)(double, double);

template <UnaryMath OPERATION>
void ApplyUnary(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                Vector &result, FunctionContext &) {
	const Vector &input = *arguments[0];
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kNumber, [&](sel_t row) {
		double value;
		if (!ReadNumberAt(input, row, value)) {
			return false;
		}
		result.numbers()[row] = OPERATION(value);
		return true;
	});
}

template <BinaryMath OPERATION>
void ApplyBinary(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                 Vector &result, FunctionContext &) {
	const Vector &left = *arguments[0];
	const Vector &right = *arguments[1];
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kNumber, [&](sel_t row) {
		double a;
		double b;
		if (!ReadNumberAt(left, row, a) || !ReadNumberAt(right, row, b)) {
			return false;
		}
		result.numbers()[row] = OPERATION(a, b);
		return true;
	});
}

//! Java's Math.round: the nearest whole number, with halves rounded up (2.5 to 3, -2.5 to -2).
double RoundHalfUp(double value) {
	return std::isfinite(value) ? std::floor(value + 0.5) : value;
}

double ToDegrees(double radians) {
	return radians * 180.0 / std::numbers::pi;
}

double ToRadians(double degrees) {
	return degrees / 180.0 * std::numbers::pi;
}

// Java's Math.min and Math.max return NaN when either argument is NaN, where std::fmin would
// return the other argument.
double Minimum(double a, double b) {
	return std::isnan(a) || std::isnan(b) ? std::nan("") : std::min(a, b);
}

double Maximum(double a, double b) {
	return std::isnan(a) || std::isnan(b) ? std::nan("") : std::max(a, b);
}

// Named wrappers, because the <cmath> overload sets cannot be template arguments.
double Abs(double x) { return std::fabs(x); }
double Ceil(double x) { return std::ceil(x); }
double Floor(double x) { return std::floor(x); }
double Sqrt(double x) { return std::sqrt(x); }
double Cbrt(double x) { return std::cbrt(x); }
double Exp(double x) { return std::exp(x); }
double Expm1(double x) { return std::expm1(x); }
double Log(double x) { return std::log(x); }
double Log10(double x) { return std::log10(x); }
double Log1p(double x) { return std::log1p(x); }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Asin(double x) { return std::asin(x); }
double Acos(double x) { return std::acos(x); }
double Atan(double x) { return std::atan(x); }
double Sinh(double x) { return std::sinh(x); }
double Cosh(double x) { return std::cosh(x); }
double Tanh(double x) { return std::tanh(x); }
double Atan2(double y, double x) { return std::atan2(y, x); }
double Hypot(double a, double b) { return std::hypot(a, b); }
double Pow(double a, double b) { return std::pow(a, b); }

//! round(x) rounds to a whole number, and round(x, d) to d decimal places: x * 10^d is rounded
//! and divided back, so round(1.549, 2) is 1.55.
void Round(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
           Vector &result, FunctionContext &) {
	const Vector &input = *arguments[0];
	const Vector *digits = arguments.size() > 1 ? arguments[1] : nullptr;
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kNumber, [&](sel_t row) {
		double value;
		double places = 0;
		if (!ReadNumberAt(input, row, value) || (digits && !ReadNumberAt(*digits, row, places))) {
			return false;
		}
		double scale = std::pow(10.0, std::trunc(places));
		result.numbers()[row] = places == 0 ? RoundHalfUp(value) : RoundHalfUp(value * scale) / scale;
		return true;
	});
}

constexpr std::array kFunctions = {
    ScalarFunction {"abs", 1, 1, ApplyUnary<Abs>},
    ScalarFunction {"round", 1, 2, Round},
    ScalarFunction {"ceil", 1, 1, ApplyUnary<Ceil>},
    ScalarFunction {"floor", 1, 1, ApplyUnary<Floor>},
    ScalarFunction {"sqrt", 1, 1, ApplyUnary<Sqrt>},
    ScalarFunction {"cbrt", 1, 1, ApplyUnary<Cbrt>},
    ScalarFunction {"exp", 1, 1, ApplyUnary<Exp>},
    ScalarFunction {"expm1", 1, 1, ApplyUnary<Expm1>},
    ScalarFunction {"log", 1, 1, ApplyUnary<Log>},
    ScalarFunction {"log10", 1, 1, ApplyUnary<Log10>},
    ScalarFunction {"log1p", 1, 1, ApplyUnary<Log1p>},
    ScalarFunction {"sin", 1, 1, ApplyUnary<Sin>},
    ScalarFunction {"cos", 1, 1, ApplyUnary<Cos>},
    ScalarFunction {"tan", 1, 1, ApplyUnary<Tan>},
    ScalarFunction {"asin", 1, 1, ApplyUnary<Asin>},
    ScalarFunction {"acos", 1, 1, ApplyUnary<Acos>},
    ScalarFunction {"atan", 1, 1, ApplyUnary<Atan>},
    ScalarFunction {"sinh", 1, 1, ApplyUnary<Sinh>},
    ScalarFunction {"cosh", 1, 1, ApplyUnary<Cosh>},
    ScalarFunction {"tanh", 1, 1, ApplyUnary<Tanh>},
    ScalarFunction {"toDegrees", 1, 1, ApplyUnary<ToDegrees>},
    ScalarFunction {"toRadians", 1, 1, ApplyUnary<ToRadians>},
    ScalarFunction {"atan2", 2, 2, ApplyBinary<Atan2>},
    ScalarFunction {"hypot", 2, 2, ApplyBinary<Hypot>},
    ScalarFunction {"pow", 2, 2, ApplyBinary<Pow>},
    ScalarFunction {"min", 2, 2, ApplyBinary<Minimum>},
    ScalarFunction {"max", 2, 2, ApplyBinary<Maximum>},
};

} // namespace

std::span<const ScalarFunction> MathFunctions() {
	return kFunctions;
}

} // namespace sumoql
