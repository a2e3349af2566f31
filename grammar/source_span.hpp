#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace sumoql {

//! A range of query text. Lines and columns are 1-based and count bytes, as PEGTL positions do.
struct SourceSpan {
	std::uint32_t line = 1;
	std::uint32_t column = 1;
	std::uint32_t offset = 0;
	std::uint32_t length = 0;
};

//! Returns the span of `length` bytes at `offset` of `text`, with its line and column.
inline SourceSpan SpanAtOffset(std::string_view text, std::size_t offset, std::size_t length) {
	SourceSpan span;
	span.offset = static_cast<std::uint32_t>(offset);
	span.length = static_cast<std::uint32_t>(length);

	const std::string_view before = text.substr(0, offset);
	span.line = static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n') + 1);
	const std::size_t line_start = before.rfind('\n');
	const std::size_t column_base = line_start == std::string_view::npos ? 0 : line_start + 1;
	span.column = static_cast<std::uint32_t>(offset - column_base + 1);
	return span;
}

} // namespace sumoql
