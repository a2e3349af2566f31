// The IP predicates. isValidIP(x), isValidIPv4(x) and isValidIPv6(x) test the address syntax and
// are false for null. isPrivateIP(x), isPublicIP(x) and isReservedIP(x) classify an IPv4
// address, and, as Sumo documents, drop the row when x is not a valid IPv4 address: an IPv6
// address, other text or null. Dropped rows are counted for the run summary's warning.
//
// Private is RFC 1918 (10/8, 172.16/12, 192.168/16). Reserved is the special-use list of
// RFC 5735. Public is valid and neither private nor reserved.

#include "engine/functions/ipv4_address.hpp"
#include "engine/functions/row_executor.hpp"

#include <array>

namespace sumoql {

namespace {

struct Network {
	std::uint32_t address;
	int length;
};

constexpr std::uint32_t Ipv4(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
	return a << 24 | b << 16 | c << 8 | d;
}

constexpr std::array kPrivateNetworks = {
    Network {Ipv4(10, 0, 0, 0), 8},
    Network {Ipv4(172, 16, 0, 0), 12},
    Network {Ipv4(192, 168, 0, 0), 16},
};

// RFC 5735, section 4.
constexpr std::array kReservedNetworks = {
    Network {Ipv4(0, 0, 0, 0), 8},        Network {Ipv4(10, 0, 0, 0), 8},     Network {Ipv4(127, 0, 0, 0), 8},
    Network {Ipv4(169, 254, 0, 0), 16},   Network {Ipv4(172, 16, 0, 0), 12},  Network {Ipv4(192, 0, 0, 0), 24},
    Network {Ipv4(192, 0, 2, 0), 24},     Network {Ipv4(192, 88, 99, 0), 24}, Network {Ipv4(192, 168, 0, 0), 16},
    Network {Ipv4(198, 18, 0, 0), 15},    Network {Ipv4(198, 51, 100, 0), 24}, Network {Ipv4(203, 0, 113, 0), 24},
    Network {Ipv4(224, 0, 0, 0), 4},      Network {Ipv4(240, 0, 0, 0), 4},
};

template <std::size_t N>
bool InAny(std::uint32_t address, const std::array<Network, N> &networks) {
	for (const Network &network : networks) {
		if (InNetwork(address, network.address, network.length)) {
			return true;
		}
	}
	return false;
}

bool IsPrivate(std::uint32_t address) {
	return InAny(address, kPrivateNetworks);
}

bool IsReserved(std::uint32_t address) {
	return InAny(address, kReservedNetworks);
}

bool IsPublic(std::uint32_t address) {
	return !IsPrivate(address) && !IsReserved(address);
}

//! Reads `row` as text; numbers and booleans are never addresses.
bool ReadText(const Vector &input, sel_t row, std::string_view &text) {
	if (!IsValidAt(input, row) || input.type() != LogicalType::kString) {
		return false;
	}
	text = input.strings()[row];
	return true;
}

bool IsValidIpv4Text(std::string_view text) {
	std::uint32_t address;
	return ParseIpv4(text, address);
}

template <bool (*TEST)(std::string_view)>
void TestSyntax(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                Vector &result, FunctionContext &) {
	const Vector &input = *arguments[0];
	ExecutePredicate(selection, count, result, [&](sel_t row) {
		std::string_view text;
		return ReadText(input, row, text) && TEST(text);
	});
}

bool IsValidAnyIp(std::string_view text) {
	return IsValidIpv4Text(text) || IsIpv6(text);
}

template <bool (*CLASSIFY)(std::uint32_t)>
void ClassifyIpv4(std::span<const Vector *const> arguments, const SelectionVector &selection, idx_t count,
                  Vector &result, FunctionContext &context) {
	const Vector &input = *arguments[0];
	ExecutePredicate(selection, count, result, [&](sel_t row) {
		std::string_view text;
		std::uint32_t address;
		if (ReadText(input, row, text) && ParseIpv4(text, address)) {
			return CLASSIFY(address);
		}
		context.chunk.RequestDrop(row);
		context.stats.rows_dropped++;
		return false;
	});
}

constexpr std::array kFunctions = {
    ScalarFunction {"isValidIP", 1, 1, TestSyntax<IsValidAnyIp>},
    ScalarFunction {"isValidIPv4", 1, 1, TestSyntax<IsValidIpv4Text>},
    ScalarFunction {"isValidIPv6", 1, 1, TestSyntax<IsIpv6>},
    ScalarFunction {"isPrivateIP", 1, 1, ClassifyIpv4<IsPrivate>},
    ScalarFunction {"isPublicIP", 1, 1, ClassifyIpv4<IsPublic>},
    ScalarFunction {"isReservedIP", 1, 1, ClassifyIpv4<IsReserved>},
};

} // namespace

std::span<const ScalarFunction> IpAddressFunctions() {
	return kFunctions;
}

} // namespace sumoql
