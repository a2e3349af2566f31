#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

namespace sumoql {

//! Rewrites the named groups `(?<name>...)` that Sumo's Java-style regexes use into the
//! `(?P<name>...)` spelling that RE2 2022-06 (Debian 12) reads. Lookbehinds `(?<=` and `(?<!`
//! are left alone, so RE2 reports them as unsupported. Everything else is passed through.
std::string TranslateNamedGroups(std::string_view pattern);

//! Returns true when a named group `(?<name>...)` sits inside another named group, which Sumo
//! Logic does not support. Escaped parentheses and those inside `[...]` classes do not count.
bool HasNestedNamedGroups(std::string_view pattern);

//! Compiles a Sumo regex with RE2 after TranslateNamedGroups. Check `ok()` on the result.
std::unique_ptr<RE2> CompileSumoRegex(std::string_view pattern);

} // namespace sumoql
