#pragma once

// IPv4 address text, shared by the IP predicates and the CIDR helpers.

#include <arpa/inet.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace sumoql {

//! Parses dotted-decimal IPv4 text ("10.0.0.1") into a host-order number. inet_pton takes
//! exactly four decimal parts of 0 to 255 and no leading zeros, spaces or shorthand, so
//! "127.0.500.1", "10.1" and "010.0.0.1" are rejected.
inline bool ParseIpv4(std::string_view text, std::uint32_t &address) {
	// The maximum length is that of 255.255.255.255.
	if (text.size() > 15) {
		return false;
	}
	std::string terminated(text);
	in_addr parsed {};
	if (inet_pton(AF_INET, terminated.c_str(), &parsed) != 1) {
		return false;
	}
	address = ntohl(parsed.s_addr);
	return true;
}

//! Returns true when `text` is an IPv6 address that inet_pton accepts, including the
//! "::ffff:1.2.3.4" forms.
inline bool IsIpv6(std::string_view text) {
	// The maximum length is that of six groups of four hex digits and a dotted IPv4 tail.
	if (text.size() > 45) {
		return false;
	}
	std::string terminated(text);
	in6_addr parsed {};
	return inet_pton(AF_INET6, terminated.c_str(), &parsed) == 1;
}

//! Formats a host-order IPv4 address as dotted-decimal text.
inline std::string FormatIpv4(std::uint32_t address) {
	return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xFF) + "." +
	       std::to_string((address >> 8) & 0xFF) + "." + std::to_string(address & 0xFF);
}

//! Returns the network mask of a prefix length from 0 to 32.
inline std::uint32_t PrefixMask(int length) {
	return length == 0 ? 0 : ~std::uint32_t {0} << (32 - length);
}

//! Returns true when `address` is in `network`/`length`.
inline bool InNetwork(std::uint32_t address, std::uint32_t network, int length) {
	return (address & PrefixMask(length)) == network;
}

} // namespace sumoql
