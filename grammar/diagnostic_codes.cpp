#include "grammar/diagnostic_codes.hpp"

#include <array>

namespace sumoql {

namespace {

constexpr std::array kCodes = {
    DiagnosticCodeInfo {diagnostic_code::kSyntax, "the text does not follow the query grammar"},
    DiagnosticCodeInfo {diagnostic_code::kEvalOperator, "'eval' is a sumoql extension"},
    DiagnosticCodeInfo {diagnostic_code::kAnchorParsePromoted,
                        "an anchor 'parse' with named groups runs as 'parse regex'"},
    DiagnosticCodeInfo {diagnostic_code::kUnparenthesizedNot, "'!' before a comparison without parentheses"},
    DiagnosticCodeInfo {diagnostic_code::kRegexFlags, "flags after a regex literal"},
    DiagnosticCodeInfo {diagnostic_code::kSymbolicLogicalOperator, "'&&' or '||' in place of 'and' or 'or'"},
    DiagnosticCodeInfo {diagnostic_code::kWildcardInEquality, "'=' or '!=' against a string with '*'"},
    DiagnosticCodeInfo {diagnostic_code::kFieldReadBeforeCreated,
                        "a field is read before the stage that creates it"},
    DiagnosticCodeInfo {diagnostic_code::kDuplicateFieldsName, "a field listed twice in 'fields'"},
    DiagnosticCodeInfo {diagnostic_code::kAggregateExpressionArgument, "an aggregate of an expression"},
    DiagnosticCodeInfo {diagnostic_code::kUnsupported, "a construct that cannot run outside Sumo Logic"},
    DiagnosticCodeInfo {diagnostic_code::kUnimplemented, "a Sumo Logic operator that sumoql does not implement"},
    DiagnosticCodeInfo {diagnostic_code::kSemantic, "the query parses, but a check or an operator limit failed"},
    DiagnosticCodeInfo {diagnostic_code::kBarePredicate, "a bare predicate stage whose result is not stored"},
    DiagnosticCodeInfo {diagnostic_code::kScopeOperatorWord, "the scope starts with an operator name"},
    DiagnosticCodeInfo {diagnostic_code::kUnfilledParameter, "a template parameter has no value"},
};

std::string_view CodeOfKind(DiagnosticKind kind) {
	switch (kind) {
	case DiagnosticKind::kSyntax:
		return diagnostic_code::kSyntax;
	case DiagnosticKind::kUnsupported:
		return diagnostic_code::kUnsupported;
	case DiagnosticKind::kUnimplemented:
		return diagnostic_code::kUnimplemented;
	case DiagnosticKind::kSemantic:
		return diagnostic_code::kSemantic;
	case DiagnosticKind::kExtension:
		// DescribeExtensions sets each extension its own code, so this is only a fallback.
		return diagnostic_code::kEvalOperator;
	case DiagnosticKind::kParameter:
		return diagnostic_code::kUnfilledParameter;
	}
	return diagnostic_code::kSemantic;
}

} // namespace

std::span<const DiagnosticCodeInfo> DiagnosticCodes() {
	return kCodes;
}

std::string_view CodeOf(const Diagnostic &diagnostic) {
	if (!diagnostic.code.empty()) {
		return diagnostic.code;
	}
	return CodeOfKind(diagnostic.kind);
}

} // namespace sumoql
