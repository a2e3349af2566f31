// CIDR helpers over IPv4 addresses. The prefix length is text or a number from 0 to 32.
//
//   getCIDRPrefix("10.10.1.35", "24")                 "10.10.1.0"
//   compareCIDRPrefix("10.10.1.32", "10.10.1.35", "27") true
//   maskFromCIDR("29")                                  "255.255.255.248"
//   ipv4ToNumber("10.0.0.1")                            167772161
//
// An address that is not valid IPv4, or a length outside 0 to 32, makes compareCIDRPrefix false
// and the others null, and is counted for the run summary's warning. A null argument gives
// false or null without a warning.

#include "engine/functions/ipv4_address.hpp"
#include "engine/functions/row_executor.hpp"

#include <array>
#include <cmath>

namespace sumoql {

namespace {

bool ReadAddress(const Vector &input, sel_t row, std::uint32_t &address) {
	return input.type() == LogicalType::kString && ParseIpv4(input.strings()[row], address);
}

bool ReadPrefixLength(const Vector &input, sel_t row, int &length) {
	double value;
	if (!ReadNumberAt(input, row, value) || value < 0 || value > 32 || std::trunc(value) != value) {
		return false;
	}
	length = static_cast<int>(value);
	return true;
}

void GetCidrPrefix(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                   Vector &result, FunctionContext &context) {
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		std::uint32_t address;
		int length;
		if (!ReadAddress(*arguments[0], row, address) || !ReadPrefixLength(*arguments[1], row, length)) {
			context.stats.invalid_arguments++;
			return false;
		}
		result.strings()[row] = context.chunk.heap.AddString(FormatIpv4(address & PrefixMask(length)));
		return true;
	});
}

void CompareCidrPrefix(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                       Vector &result, FunctionContext &context) {
	ExecutePredicate(selection, count, result, [&](sel_t row) {
		for (const Vector *argument : arguments) {
			if (!IsValidAt(*argument, row)) {
				return false;
			}
		}
		std::uint32_t first;
		std::uint32_t second;
		int length;
		if (!ReadAddress(*arguments[0], row, first) || !ReadAddress(*arguments[1], row, second) ||
		    !ReadPrefixLength(*arguments[2], row, length)) {
			context.stats.invalid_arguments++;
			return false;
		}
		return InNetwork(second, first & PrefixMask(length), length);
	});
}

void MaskFromCidr(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                  Vector &result, FunctionContext &context) {
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kString, [&](sel_t row) {
		int length;
		if (!ReadPrefixLength(*arguments[0], row, length)) {
			context.stats.invalid_arguments++;
			return false;
		}
		result.strings()[row] = context.chunk.heap.AddString(FormatIpv4(PrefixMask(length)));
		return true;
	});
}

void Ipv4ToNumber(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                  Vector &result, FunctionContext &context) {
	ExecutePropagatingNull(arguments, selection, count, result, LogicalType::kNumber, [&](sel_t row) {
		std::uint32_t address;
		if (!ReadAddress(*arguments[0], row, address)) {
			context.stats.invalid_arguments++;
			return false;
		}
		result.numbers()[row] = static_cast<double>(address);
		return true;
	});
}

constexpr std::array kFunctions = {
    ScalarFunction {"getCIDRPrefix", 2, 2, GetCidrPrefix},
    ScalarFunction {"compareCIDRPrefix", 3, 3, CompareCidrPrefix},
    ScalarFunction {"maskFromCIDR", 1, 1, MaskFromCidr},
    ScalarFunction {"ipv4ToNumber", 1, 1, Ipv4ToNumber},
};

} // namespace

std::span<const ScalarFunction> CidrFunctions() {
	return kFunctions;
}

} // namespace sumoql
