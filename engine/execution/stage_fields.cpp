#include "engine/execution/stage_fields.hpp"

#include "engine/expressions/regex_syntax.hpp"
#include "engine/operators/json_path.hpp"
#include "engine/operators/parse_keyvalue.hpp"
#include "engine/operators/parse_xml.hpp"
#include "engine/types/ascii.hpp"

#include <algorithm>
#include <set>

namespace sumoql {

namespace {

constexpr std::string_view kRaw = "_raw";

void CollectChild(const ast::ExpressionPtr &child, std::vector<FieldUse> &names) {
	if (child) {
		CollectFieldNames(*child, names);
	}
}

} // namespace

void CollectFieldNames(const ast::Expression &expression, std::vector<FieldUse> &names) {
	std::visit(
	    [&](const auto &node) {
		    using Node = std::decay_t<decltype(node)>;
		    if constexpr (std::is_same_v<Node, ast::FieldReference>) {
			    names.push_back({node.name, expression.span});
		    } else if constexpr (std::is_same_v<Node, ast::UnaryExpression>) {
			    CollectChild(node.operand, names);
		    } else if constexpr (std::is_same_v<Node, ast::BinaryExpression>) {
			    CollectChild(node.left, names);
			    CollectChild(node.right, names);
		    } else if constexpr (std::is_same_v<Node, ast::MatchesExpression>) {
			    CollectChild(node.subject, names);
			    CollectChild(node.pattern, names);
		    } else if constexpr (std::is_same_v<Node, ast::InExpression>) {
			    CollectChild(node.subject, names);
			    for (const auto &item : node.items) {
				    CollectChild(item, names);
			    }
		    } else if constexpr (std::is_same_v<Node, ast::FunctionCall>) {
			    for (const auto &argument : node.arguments) {
				    CollectChild(argument, names);
			    }
		    } else if constexpr (std::is_same_v<Node, ast::ConditionalExpression>) {
			    CollectChild(node.condition, names);
			    CollectChild(node.then_value, names);
			    CollectChild(node.else_value, names);
		    }
	    },
	    expression.node);
}

void CollectScopeFieldNames(const ast::ScopeNode &scope, std::vector<FieldUse> &names) {
	std::visit(
	    [&](const auto &node) {
		    using Node = std::decay_t<decltype(node)>;
		    if constexpr (std::is_same_v<Node, ast::ScopeFieldTerm>) {
			    names.push_back({node.field, scope.span});
		    } else if constexpr (std::is_same_v<Node, ast::ScopeKeyword> || std::is_same_v<Node, ast::ScopePhrase>) {
			    names.push_back({std::string(kRaw), scope.span});
		    } else if constexpr (std::is_same_v<Node, ast::ScopeNot>) {
			    CollectScopeFieldNames(*node.term, names);
		    } else {
			    for (const auto &term : node.terms) {
				    CollectScopeFieldNames(*term, names);
			    }
		    }
	    },
	    scope.node);
}

bool CollectStageReads(const ast::Operator &op, std::vector<FieldUse> &names) {
	return std::visit(
	    [&](const auto &node) {
		    using Node = std::decay_t<decltype(node)>;
		    if constexpr (std::is_same_v<Node, ast::WhereOperator>) {
			    CollectFieldNames(*node.condition, names);
		    } else if constexpr (std::is_same_v<Node, ast::AssignOperator>) {
			    CollectFieldNames(*node.value, names);
		    } else if constexpr (std::is_same_v<Node, ast::ParseAnchorOperator> ||
		                         std::is_same_v<Node, ast::ParseRegexOperator> ||
		                         std::is_same_v<Node, ast::ParseXmlOperator> ||
		                         std::is_same_v<Node, ast::JsonOperator> ||
		                         std::is_same_v<Node, ast::KeyValueOperator>) {
			    names.push_back({node.field ? *node.field : std::string(kRaw), op.span});
		    } else if constexpr (std::is_same_v<Node, ast::SplitOperator>) {
			    names.push_back({node.field, op.span});
		    } else if constexpr (std::is_same_v<Node, ast::FieldsOperator>) {
			    for (std::size_t i = 0; i < node.names.size(); i++) {
				    names.push_back({node.names[i], i < node.name_spans.size() ? node.name_spans[i] : op.span});
			    }
		    } else if constexpr (std::is_same_v<Node, ast::SortOperator>) {
			    for (const auto &key : node.keys) {
				    names.push_back({key.field, key.span});
			    }
		    } else {
			    return false;
		    }
		    return true;
	    },
	    op.node);
}

bool CollectStageOutputs(const ast::Operator &op, std::vector<std::string> &names) {
	if (const auto *assign = std::get_if<ast::AssignOperator>(&op.node)) {
		names.push_back(assign->target);
		return true;
	}
	if (const auto *anchor = std::get_if<ast::ParseAnchorOperator>(&op.node)) {
		names.insert(names.end(), anchor->aliases.begin(), anchor->aliases.end());
		return true;
	}
	if (const auto *regex = std::get_if<ast::ParseRegexOperator>(&op.node)) {
		for (const auto &pattern : regex->patterns) {
			auto compiled = CompileSumoRegex(pattern);
			for (const auto &[group, name] : compiled->CapturingGroupNames()) {
				names.push_back(name);
			}
		}
		return true;
	}
	if (const auto *xml = std::get_if<ast::ParseXmlOperator>(&op.node)) {
		if (!xml->aliases.empty()) {
			names.insert(names.end(), xml->aliases.begin(), xml->aliases.end());
			return true;
		}
		for (const auto &path : xml->paths) {
			names.push_back(ParseXmlOperator::DefaultFieldName(path));
		}
		return true;
	}
	if (const auto *json = std::get_if<ast::JsonOperator>(&op.node)) {
		if (json->auto_mode) {
			return false;
		}
		if (!json->aliases.empty()) {
			names.insert(names.end(), json->aliases.begin(), json->aliases.end());
			return true;
		}
		for (const auto &text : json->paths) {
			std::string error;
			auto path = ParseJsonPath(text, error);
			if (!path) {
				return false;
			}
			names.push_back(path->DefaultFieldName());
		}
		return true;
	}
	if (const auto *kv = std::get_if<ast::KeyValueOperator>(&op.node)) {
		if (kv->auto_mode) {
			return false;
		}
		if (!kv->aliases.empty()) {
			names.insert(names.end(), kv->aliases.begin(), kv->aliases.end());
			return true;
		}
		for (const auto &key : kv->keys) {
			names.push_back(KeyValueOperator::DefaultFieldName(key));
		}
		return true;
	}
	if (const auto *split = std::get_if<ast::SplitOperator>(&op.node)) {
		for (const auto &column : split->columns) {
			names.push_back(column.name);
		}
		return true;
	}
	return false;
}

std::vector<const ast::Operator *> SelectExtractionStages(const std::vector<const ast::Operator *> &stages,
                                                          const ast::Query &query) {
	bool output_fixed = std::any_of(query.operators.begin(), query.operators.end(), [](const ast::Operator &op) {
		const auto *fields = std::get_if<ast::FieldsOperator>(&op.node);
		return fields && !fields->exclude;
	});
	if (!output_fixed) {
		return stages;
	}

	std::vector<FieldUse> read_names;
	if (query.scope) {
		CollectScopeFieldNames(*query.scope, read_names);
	}
	for (const auto &op : query.operators) {
		if (!CollectStageReads(op, read_names)) {
			return stages;
		}
	}
	std::set<std::string> needed;
	for (const auto &use : read_names) {
		needed.insert(FoldCase(use.name));
	}

	std::vector<const ast::Operator *> kept;
	for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
		std::vector<std::string> outputs;
		bool known = CollectStageOutputs(**it, outputs);
		bool used = !known || std::any_of(outputs.begin(), outputs.end(),
		                                  [&](const std::string &name) { return needed.count(FoldCase(name)); });
		if (!used) {
			continue;
		}
		kept.insert(kept.begin(), *it);
		std::vector<FieldUse> inputs;
		CollectStageReads(**it, inputs);
		for (const auto &use : inputs) {
			needed.insert(FoldCase(use.name));
		}
	}
	return kept;
}

} // namespace sumoql
