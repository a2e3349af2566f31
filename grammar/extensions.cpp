#include "grammar/extensions.hpp"

#include "engine/types/ascii.hpp"
#include "grammar/diagnostic_codes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sumoql {

namespace {

struct ExtensionText {
	std::string_view code;
	std::string message;
	std::string hint;
};

ExtensionText TextFor(const ast::ExtensionUse &use) {
	switch (use.kind) {
	case ast::ExtensionKind::kEvalOperator:
		return {diagnostic_code::kEvalOperator,
		        "'eval' is not a Sumo Logic operator; sumoql runs 'eval f = expr' as 'expr as f', but "
		        "Sumo Logic rejects the query",
		        "write '| expr as field' to run in Sumo Logic"};
	case ast::ExtensionKind::kAnchorParsePromotedToRegex:
		return {diagnostic_code::kAnchorParsePromoted,
		        "an anchor 'parse' needs '*' placeholders and 'as'; sumoql runs this pattern, which has named "
		        "groups, as 'parse regex', but Sumo Logic rejects it",
		        "write 'parse regex' before the pattern to run in Sumo Logic"};
	case ast::ExtensionKind::kUnparenthesizedNot:
		return {diagnostic_code::kUnparenthesizedNot,
		        "'!' before a comparison without parentheses is not documented Sumo Logic syntax; sumoql reads "
		        "'!x matches p' as '!(x matches p)'",
		        "write '!(x matches p)' so Sumo Logic reads it the same way"};
	case ast::ExtensionKind::kRegexFlags:
		return {diagnostic_code::kRegexFlags,
		        "flags after a regex literal, as in '/re/i', are not documented Sumo Logic syntax; sumoql "
		        "reads them as RE2 flags, so '/re/i' is '/(?i)re/'",
		        "write the flags inside the regex, as in /(?i)re/, to run in Sumo Logic"};
	case ast::ExtensionKind::kSymbolicLogicalOperator:
		return {diagnostic_code::kSymbolicLogicalOperator,
		        "'&&' and '||' are not documented Sumo Logic syntax; sumoql reads them as 'and' and 'or'",
		        "write 'and' or 'or' to run in Sumo Logic"};
	case ast::ExtensionKind::kWildcardInEquality: {
		const bool negated = use.subject == "!=" || use.subject == "<>";
		return {diagnostic_code::kWildcardInEquality,
		        fmt::format("'{}' compares text literally, so '*' in this string matches only a '*' character; "
		                    "only the scope and 'matches' read '*' as a wildcard",
		                    use.subject),
		        negated ? "write '!(field matches \"text*\")' to exclude values that match the wildcard"
		                : "write 'field matches \"text*\"' for a wildcard match"};
	}
	case ast::ExtensionKind::kFieldReadBeforeCreated: {
		const SourceSpan &creator = use.related ? *use.related : use.span;
		return {diagnostic_code::kFieldReadBeforeCreated,
		        fmt::format("field '{}' is read before the stage at {}:{} creates it; Sumo Logic rejects a "
		                    "field that does not exist yet, and sumoql reads it from the events",
		                    use.subject, creator.line, creator.column),
		        fmt::format("move the stage that creates '{}' before this one, or read another field",
		                    use.subject)};
	}
	case ast::ExtensionKind::kDuplicateFieldsName:
		return {diagnostic_code::kDuplicateFieldsName,
		        fmt::format("field '{}' is listed twice in 'fields', ignoring case; Sumo Logic rejects the "
		                    "repeat, and sumoql shows the field once",
		                    use.subject),
		        "remove the repeated name"};
	case ast::ExtensionKind::kAggregateExpressionArgument:
		return {diagnostic_code::kAggregateExpressionArgument,
		        "Sumo Logic takes only a field name as an aggregate's argument and rejects an expression; "
		        "sumoql computes the expression for each row",
		        "compute the expression in an earlier stage, as in '| x * 2 as doubled | sum(doubled)'"};
	}
	return {diagnostic_code::kEvalOperator, "unknown extension", ""};
}

} // namespace

std::vector<Diagnostic> DescribeExtensions(const ast::Query &query, Severity severity) {
	// Uses of one kind are reported together, and so are uses about the same field.
	std::map<std::pair<ast::ExtensionKind, std::string>, std::vector<const ast::ExtensionUse *>> uses;
	for (const auto &extension : query.extensions) {
		uses[{extension.kind, FoldCase(extension.subject)}].push_back(&extension);
	}

	std::vector<Diagnostic> diagnostics;
	for (const auto &[key, group] : uses) {
		ExtensionText text = TextFor(*group.front());
		std::string hint = text.hint;
		if (group.size() > 1) {
			std::string lines;
			for (std::size_t i = 1; i < group.size(); i++) {
				lines += fmt::format("{}{}:{}", i > 1 ? ", " : "", group[i]->span.line, group[i]->span.column);
			}
			hint += fmt::format(" (also used at {})", lines);
		}
		Diagnostic diagnostic {severity, group.front()->span, text.message, hint, DiagnosticKind::kExtension};
		diagnostic.code = text.code;
		diagnostics.push_back(std::move(diagnostic));
	}

	std::sort(diagnostics.begin(), diagnostics.end(),
	          [](const Diagnostic &a, const Diagnostic &b) { return a.span.offset < b.span.offset; });
	return diagnostics;
}

std::vector<Diagnostic> DescribeBarePredicates(const ast::Query &query) {
	std::vector<Diagnostic> diagnostics;
	for (const SourceSpan &span : query.bare_predicates) {
		Diagnostic diagnostic {Severity::kWarning, span,
		                       "this test has no 'as', so its result is not stored; sumoql only drops the rows "
		                       "that the function drops",
		                       "add 'as field' to keep the result, or use it in 'where'"};
		diagnostic.code = diagnostic_code::kBarePredicate;
		diagnostics.push_back(std::move(diagnostic));
	}
	return diagnostics;
}

std::vector<Diagnostic> DescribeScopeOperatorWords(const ast::Query &query) {
	// Operators a query most often starts with after a forgotten '|'.
	static const char *const kOperators[] = {"where", "parse", "json", "fields", "count", "sort", "extract",
	                                         "eval", "lookup", "dedup", "limit", "split", "csv", "if"};
	if (!query.scope) {
		return {};
	}
	const auto *terms = std::get_if<ast::ScopeAnd>(&query.scope->node);
	if (!terms || terms->terms.size() < 2) {
		return {};
	}
	const ast::ScopeNode &first = *terms->terms.front();
	const auto *keyword = std::get_if<ast::ScopeKeyword>(&first.node);
	if (!keyword) {
		return {};
	}
	for (const char *name : kOperators) {
		if (EqualsIgnoringCase(keyword->text, name)) {
			Diagnostic diagnostic {Severity::kWarning, first.span,
			                       fmt::format("'{}' before the first '|' is a search keyword, so only events "
			                                   "that contain the word '{}' match",
			                                   keyword->text, keyword->text),
			                       fmt::format("did you mean '| {}'?", keyword->text)};
			diagnostic.code = diagnostic_code::kScopeOperatorWord;
			return {diagnostic};
		}
	}
	return {};
}

} // namespace sumoql
