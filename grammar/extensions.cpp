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
	const char *message;
	const char *hint;
};

ExtensionText TextFor(ast::ExtensionKind kind) {
	switch (kind) {
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
	}
	return {diagnostic_code::kEvalOperator, "unknown extension", ""};
}

} // namespace

std::vector<Diagnostic> DescribeExtensions(const ast::Query &query, Severity severity) {
	std::map<ast::ExtensionKind, std::vector<SourceSpan>> uses;
	for (const auto &extension : query.extensions) {
		uses[extension.kind].push_back(extension.span);
	}

	std::vector<Diagnostic> diagnostics;
	for (const auto &[kind, spans] : uses) {
		ExtensionText text = TextFor(kind);
		std::string hint = text.hint;
		if (spans.size() > 1) {
			std::string lines;
			for (std::size_t i = 1; i < spans.size(); i++) {
				lines += fmt::format("{}{}:{}", i > 1 ? ", " : "", spans[i].line, spans[i].column);
			}
			hint += fmt::format(" (also used at {})", lines);
		}
		Diagnostic diagnostic {severity, spans.front(), text.message, hint, DiagnosticKind::kExtension};
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
