#pragma once

#include "grammar/diagnostic.hpp"

#include <span>
#include <string_view>

namespace sumoql {

//! One stable diagnostic code and what it means. A code keeps its meaning across releases, so
//! scripts may match on it. The first digit is the group: 1 syntax, 2 compatibility with Sumo
//! Logic (errors under `--strict`), 3 unsupported or unimplemented, 4 semantic, 5 parameters.
struct DiagnosticCodeInfo {
	std::string_view code;
	std::string_view summary;
};

//! Every code the program can emit, in ascending order. docs/diagnostics.md documents each one.
std::span<const DiagnosticCodeInfo> DiagnosticCodes();

namespace diagnostic_code {
inline constexpr std::string_view kSyntax = "SQ1001";
inline constexpr std::string_view kEvalOperator = "SQ2001";
inline constexpr std::string_view kAnchorParsePromoted = "SQ2002";
inline constexpr std::string_view kUnparenthesizedNot = "SQ2003";
inline constexpr std::string_view kRegexFlags = "SQ2004";
inline constexpr std::string_view kSymbolicLogicalOperator = "SQ2005";
inline constexpr std::string_view kWildcardInEquality = "SQ2006";
inline constexpr std::string_view kFieldReadBeforeCreated = "SQ2007";
inline constexpr std::string_view kDuplicateFieldsName = "SQ2008";
inline constexpr std::string_view kAggregateExpressionArgument = "SQ2009";
inline constexpr std::string_view kUnsupported = "SQ3001";
inline constexpr std::string_view kUnimplemented = "SQ3002";
inline constexpr std::string_view kSemantic = "SQ4001";
inline constexpr std::string_view kBarePredicate = "SQ4002";
inline constexpr std::string_view kScopeOperatorWord = "SQ4003";
inline constexpr std::string_view kUnfilledParameter = "SQ5001";
} // namespace diagnostic_code

//! The code of `diagnostic`: its own code when set, else the general code of its kind.
std::string_view CodeOf(const Diagnostic &diagnostic);

} // namespace sumoql
