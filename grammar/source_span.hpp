#pragma once

#include <cstdint>

namespace sumoql {

//! A range of query text. Lines and columns are 1-based and count bytes, as PEGTL positions do.
struct SourceSpan {
	std::uint32_t line = 1;
	std::uint32_t column = 1;
	std::uint32_t offset = 0;
	std::uint32_t length = 0;
};

} // namespace sumoql
