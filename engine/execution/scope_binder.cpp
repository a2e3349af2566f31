#include "engine/execution/scope_binder.hpp"

#include "engine/expressions/bound_constant.hpp"
#include "engine/expressions/conjunction.hpp"
#include "engine/expressions/text_search.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

namespace sumoql {

namespace {

bool IsTermCharacter(char c) {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       static_cast<unsigned char>(c) >= 0x80;
}

constexpr std::string_view kTermClass = "[\\p{L}\\p{N}_]";
constexpr std::string_view kNotTermClass = "[^\\p{L}\\p{N}_]";

std::unique_ptr<RE2> CompileCaseInsensitive(const std::string &pattern) {
	RE2::Options options;
	options.set_case_sensitive(false);
	options.set_log_errors(false);
	options.set_dot_nl(true);
	return std::make_unique<RE2>(pattern, options);
}

//! Returns the wildcard form of a `field=value` term for ASCII values, when it has one. On ASCII
//! text, RE2's case folding of an ASCII pattern changes only ASCII letters, because the other
//! members of their Unicode case orbits (such as the Kelvin sign for k) are not ASCII. So an
//! ASCII pattern with no `?` (which matches one UTF-8 character) matches like the regex.
std::optional<WildcardPattern> AsciiFieldValuePattern(std::string_view value, bool quoted) {
	bool ascii = std::all_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
	bool has_wildcard_question = !quoted && value.find('?') != std::string_view::npos;
	// A quoted `*` is literal, which the wildcard form cannot express.
	bool has_literal_star = quoted && value.find('*') != std::string_view::npos;
	if (!ascii || has_wildcard_question || has_literal_star) {
		return std::nullopt;
	}
	return WildcardPattern(value, WildcardPattern::Case::kIgnoreAscii);
}

} // namespace

std::string KeywordPattern(std::string_view keyword) {
	std::string pattern;
	bool previous_was_word = false;
	bool space_before = false;
	bool first = true;

	for (std::size_t i = 0; i < keyword.size();) {
		char c = keyword[i];
		if (IsAsciiSpace(c)) {
			space_before = true;
			i++;
			continue;
		}

		bool is_word = IsTermCharacter(c) || c == '*' || c == '?';
		if (first) {
			pattern += is_word ? "(?:^|" + std::string(kNotTermClass) + ")" : "";
		} else {
			pattern += space_before ? "\\s+" : "\\s*";
		}

		if (!is_word) {
			pattern += RE2::QuoteMeta(std::string(1, c));
			i++;
		} else {
			std::size_t end = i;
			while (end < keyword.size() && (IsTermCharacter(keyword[end]) || keyword[end] == '*' || keyword[end] == '?')) {
				end++;
			}
			std::string_view term = keyword.substr(i, end - i);
			if (term == "*") {
				pattern += std::string(kTermClass) + "+";
			} else {
				for (char t : term) {
					if (t == '*') {
						pattern += std::string(kTermClass) + "*";
					} else if (t == '?') {
						pattern += kTermClass;
					} else {
						pattern += RE2::QuoteMeta(std::string(1, t));
					}
				}
			}
			i = end;
		}
		previous_was_word = is_word;
		space_before = false;
		first = false;
	}

	if (previous_was_word) {
		pattern += "(?:$|" + std::string(kNotTermClass) + ")";
	}
	return pattern;
}

std::string FieldValuePattern(std::string_view value, bool quoted) {
	std::string pattern = "^(?:";
	for (char c : value) {
		if (!quoted && c == '*') {
			pattern += ".*";
		} else if (!quoted && c == '?') {
			pattern += ".";
		} else {
			pattern += RE2::QuoteMeta(std::string(1, c));
		}
	}
	pattern += ")$";
	return pattern;
}

namespace {

struct ScopeBinder {
	Schema &schema;

	BoundExpressionPtr Bind(const ast::ScopeNode &scope) {
		return std::visit([&](const auto &node) { return BindNode(scope, node); }, scope.node);
	}

	BoundExpressionPtr BindNode(const ast::ScopeNode &scope, const ast::ScopeKeyword &node) {
		// A lone `*` matches every message.
		if (node.text == "*") {
			Value always;
			always.type = LogicalType::kBoolean;
			always.boolean = true;
			return std::make_unique<BoundConstant>(scope.span, always);
		}
		return Search(scope, schema.AddField("_raw"), KeywordPattern(node.text));
	}

	BoundExpressionPtr BindNode(const ast::ScopeNode &scope, const ast::ScopePhrase &node) {
		return Search(scope, schema.AddField("_raw"), KeywordPattern(node.text));
	}

	BoundExpressionPtr BindNode(const ast::ScopeNode &scope, const ast::ScopeFieldTerm &node) {
		return std::make_unique<BoundTextSearch>(scope.span, schema.AddField(node.field),
		                                         CompileCaseInsensitive(FieldValuePattern(node.value, node.quoted)),
		                                         AsciiFieldValuePattern(node.value, node.quoted));
	}

	BoundExpressionPtr BindNode(const ast::ScopeNode &scope, const ast::ScopeAnd &node) {
		return Conjunction(scope, ConjunctionType::kAnd, node.terms);
	}

	BoundExpressionPtr BindNode(const ast::ScopeNode &scope, const ast::ScopeOr &node) {
		return Conjunction(scope, ConjunctionType::kOr, node.terms);
	}

	BoundExpressionPtr BindNode(const ast::ScopeNode &scope, const ast::ScopeNot &node) {
		return std::make_unique<BoundNot>(scope.span, Bind(*node.term));
	}

	BoundExpressionPtr Search(const ast::ScopeNode &scope, idx_t slot, const std::string &pattern) {
		return std::make_unique<BoundTextSearch>(scope.span, slot, CompileCaseInsensitive(pattern));
	}

	BoundExpressionPtr Conjunction(const ast::ScopeNode &scope, ConjunctionType type,
	                               const std::vector<ast::ScopeNodePtr> &terms) {
		std::vector<BoundExpressionPtr> children;
		for (const auto &term : terms) {
			children.push_back(Bind(*term));
		}
		return std::make_unique<BoundConjunction>(scope.span, type, std::move(children));
	}
};

} // namespace

BoundExpressionPtr BindScope(const ast::ScopeNode &scope, Schema &schema) {
	return ScopeBinder {schema}.Bind(scope);
}

} // namespace sumoql
