#pragma once

#include <string>
#include <string_view>

namespace sumoql {

//! Returns `text` with each ASCII control character (U+0000 to U+001F and U+007F) written as a
//! JSON-style `\uXXXX` escape, as the row diffs print values. XML 1.0 forbids most of these
//! characters and a terminal would act on them, so case names and messages pass through here.
std::string EscapeControlCharacters(std::string_view text);

} // namespace sumoql
