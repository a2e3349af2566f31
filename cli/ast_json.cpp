#include "cli/ast_json.hpp"

#include <type_traits>

namespace sumoql {

namespace {

using Json = nlohmann::ordered_json;

const char *AggregateKindName(ast::AggregateKind kind) {
	switch (kind) {
	case ast::AggregateKind::kCount:
		return "count";
	case ast::AggregateKind::kCountDistinct:
		return "count_distinct";
	case ast::AggregateKind::kSum:
		return "sum";
	case ast::AggregateKind::kAvg:
		return "avg";
	case ast::AggregateKind::kMin:
		return "min";
	case ast::AggregateKind::kMax:
		return "max";
	case ast::AggregateKind::kPercentile:
		return "pct";
	case ast::AggregateKind::kStddev:
		return "stddev";
	case ast::AggregateKind::kFirst:
		return "first";
	case ast::AggregateKind::kLast:
		return "last";
	case ast::AggregateKind::kMostRecent:
		return "most_recent";
	case ast::AggregateKind::kLeastRecent:
		return "least_recent";
	case ast::AggregateKind::kValues:
		return "values";
	}
	return "unknown";
}

const char *ExtensionKindName(ast::ExtensionKind kind) {
	switch (kind) {
	case ast::ExtensionKind::kEvalOperator:
		return "eval_operator";
	case ast::ExtensionKind::kAnchorParsePromotedToRegex:
		return "anchor_parse_promoted_to_regex";
	case ast::ExtensionKind::kUnparenthesizedNot:
		return "unparenthesized_not";
	case ast::ExtensionKind::kRegexFlags:
		return "regex_flags";
	case ast::ExtensionKind::kSymbolicLogicalOperator:
		return "symbolic_logical_operator";
	case ast::ExtensionKind::kWildcardInEquality:
		return "wildcard_in_equality";
	case ast::ExtensionKind::kFieldReadBeforeCreated:
		return "field_read_before_created";
	case ast::ExtensionKind::kDuplicateFieldsName:
		return "duplicate_fields_name";
	case ast::ExtensionKind::kAggregateExpressionArgument:
		return "aggregate_expression_argument";
	}
	return "unknown";
}

template <typename T>
Json OptionalValue(const std::optional<T> &value) {
	return value ? Json(*value) : Json(nullptr);
}

//! Writes the nodes of one query. Spans in the tree are in the filled text, and the document
//! gives them in the text as written.
class AstJsonWriter {
public:
	explicit AstJsonWriter(const QueryText &text) : text_(text) {
	}

	Json Query(const ast::Query &query) const;

private:
	Json Span(const SourceSpan &span) const;
	Json Node(const char *type, const SourceSpan &span) const;
	Json Expression(const ast::ExpressionPtr &expression) const;
	Json ExpressionNode(const ast::Expression &expression) const;
	Json Scope(const ast::ScopeNode &scope) const;
	Json Stage(const ast::Operator &op) const;
	Json StageMembers(const ast::Operator &op, Json node) const;
	Json TextsWithSpans(const std::vector<std::string> &texts, const std::vector<SourceSpan> &spans) const;
	Json ByFields(const std::vector<ast::ByField> &fields) const;
	Json SortKeys(const std::vector<ast::SortKey> &keys) const;
	Json FillGenerators(const std::vector<ast::FillGenerator> &generators) const;
	Json FillConstants(const std::vector<ast::FillConstant> &constants) const;
	Json Table(const ast::TableSource &table) const;
	Json AggregateCall(const ast::AggregateCall &call) const;
	Json FieldSum(const char *type, const ast::Operator &op, const ast::FieldSumOperator &node) const;

	const QueryText &text_;
};

Json AstJsonWriter::Span(const SourceSpan &filled_span) const {
	const SourceSpan span = text_.filled.ToOriginal(filled_span, text_.text);
	Json json;
	json["line"] = span.line;
	json["column"] = span.column;
	json["offset"] = span.offset;
	json["end"] = span.offset + span.length;
	return json;
}

Json AstJsonWriter::Node(const char *type, const SourceSpan &span) const {
	Json json;
	json["type"] = type;
	json["span"] = Span(span);
	return json;
}

Json AstJsonWriter::Expression(const ast::ExpressionPtr &expression) const {
	return expression ? ExpressionNode(*expression) : Json(nullptr);
}

Json AstJsonWriter::ExpressionNode(const ast::Expression &expression) const {
	return std::visit(
	    [&](const auto &node) {
		    using T = std::decay_t<decltype(node)>;
		    Json json;
		    if constexpr (std::is_same_v<T, ast::NumberLiteral>) {
			    json = Node("number", expression.span);
			    json["value"] = node.value;
			    json["text"] = node.text;
		    } else if constexpr (std::is_same_v<T, ast::StringLiteral>) {
			    json = Node("string", expression.span);
			    json["value"] = node.value;
			    json["raw_text"] = node.raw_text;
		    } else if constexpr (std::is_same_v<T, ast::BooleanLiteral>) {
			    json = Node("boolean", expression.span);
			    json["value"] = node.value;
		    } else if constexpr (std::is_same_v<T, ast::NullLiteral>) {
			    json = Node("null", expression.span);
		    } else if constexpr (std::is_same_v<T, ast::FieldReference>) {
			    json = Node("field", expression.span);
			    json["name"] = node.name;
		    } else if constexpr (std::is_same_v<T, ast::UnaryExpression>) {
			    json = Node("unary", expression.span);
			    json["operator"] = node.op == ast::UnaryOperator::kNegate ? "-" : "!";
			    json["operand"] = Expression(node.operand);
			    json["unparenthesized_not"] = node.unparenthesized_not;
		    } else if constexpr (std::is_same_v<T, ast::BinaryExpression>) {
			    json = Node("binary", expression.span);
			    json["operator"] = std::string(ast::SpellingOf(node.op));
			    json["left"] = Expression(node.left);
			    json["right"] = Expression(node.right);
		    } else if constexpr (std::is_same_v<T, ast::MatchesExpression>) {
			    json = Node("matches", expression.span);
			    json["subject"] = Expression(node.subject);
			    json["pattern"] = Expression(node.pattern);
			    json["regex"] = OptionalValue(node.regex);
		    } else if constexpr (std::is_same_v<T, ast::InExpression>) {
			    json = Node("in", expression.span);
			    json["subject"] = Expression(node.subject);
			    json["items"] = Json::array();
			    for (const auto &item : node.items) {
				    json["items"].push_back(Expression(item));
			    }
			    json["negated"] = node.negated;
		    } else if constexpr (std::is_same_v<T, ast::FunctionCall>) {
			    json = Node("call", expression.span);
			    json["name"] = node.name;
			    json["arguments"] = Json::array();
			    for (std::size_t i = 0; i < node.arguments.size(); i++) {
				    const bool is_regex = i < node.regex_arguments.size() && node.regex_arguments[i];
				    if (is_regex) {
					    Json regex;
					    regex["type"] = "regex";
					    regex["pattern"] = *node.regex_arguments[i];
					    json["arguments"].push_back(std::move(regex));
				    } else {
					    json["arguments"].push_back(Expression(node.arguments[i]));
				    }
			    }
		    } else {
			    static_assert(std::is_same_v<T, ast::ConditionalExpression>, "every expression has a type");
			    json = Node("conditional", expression.span);
			    json["condition"] = Expression(node.condition);
			    json["then"] = Expression(node.then_value);
			    json["else"] = Expression(node.else_value);
		    }
		    return json;
	    },
	    expression.node);
}

Json AstJsonWriter::Scope(const ast::ScopeNode &scope) const {
	return std::visit(
	    [&](const auto &node) {
		    using T = std::decay_t<decltype(node)>;
		    Json json;
		    if constexpr (std::is_same_v<T, ast::ScopeKeyword>) {
			    json = Node("keyword", scope.span);
			    json["text"] = node.text;
		    } else if constexpr (std::is_same_v<T, ast::ScopePhrase>) {
			    json = Node("phrase", scope.span);
			    json["text"] = node.text;
		    } else if constexpr (std::is_same_v<T, ast::ScopeFieldTerm>) {
			    json = Node("field_term", scope.span);
			    json["field"] = node.field;
			    json["value"] = node.value;
			    json["quoted"] = node.quoted;
		    } else if constexpr (std::is_same_v<T, ast::ScopeNot>) {
			    json = Node("scope_not", scope.span);
			    json["term"] = Scope(*node.term);
		    } else {
			    json = Node(std::is_same_v<T, ast::ScopeAnd> ? "scope_and" : "scope_or", scope.span);
			    json["terms"] = Json::array();
			    for (const auto &term : node.terms) {
				    json["terms"].push_back(Scope(*term));
			    }
		    }
		    return json;
	    },
	    scope.node);
}

Json AstJsonWriter::TextsWithSpans(const std::vector<std::string> &texts, const std::vector<SourceSpan> &spans) const {
	Json list = Json::array();
	for (std::size_t i = 0; i < texts.size(); i++) {
		Json item;
		item["text"] = texts[i];
		item["span"] = i < spans.size() ? Span(spans[i]) : Json(nullptr);
		list.push_back(std::move(item));
	}
	return list;
}

Json AstJsonWriter::ByFields(const std::vector<ast::ByField> &fields) const {
	Json list = Json::array();
	for (const auto &field : fields) {
		Json item;
		item["name"] = field.name;
		item["span"] = Span(field.span);
		list.push_back(std::move(item));
	}
	return list;
}

Json AstJsonWriter::FillGenerators(const std::vector<ast::FillGenerator> &generators) const {
	static constexpr const char *kKinds[] = {"timeslice", "values", "all_values"};
	Json list = Json::array();
	for (const auto &generator : generators) {
		Json item;
		item["kind"] = kKinds[static_cast<int>(generator.kind)];
		item["field"] = generator.field;
		item["width_ms"] = OptionalValue(generator.width_ms);
		item["values"] = generator.values;
		item["span"] = Span(generator.span);
		list.push_back(std::move(item));
	}
	return list;
}

Json AstJsonWriter::FillConstants(const std::vector<ast::FillConstant> &constants) const {
	Json list = Json::array();
	for (const auto &constant : constants) {
		Json item;
		switch (constant.kind) {
		case ast::FillConstant::Kind::kNull:
			item["value"] = nullptr;
			break;
		case ast::FillConstant::Kind::kNumber:
			item["value"] = constant.number;
			break;
		case ast::FillConstant::Kind::kString:
			item["value"] = constant.text;
			break;
		}
		item["field"] = constant.field;
		item["span"] = Span(constant.span);
		list.push_back(std::move(item));
	}
	return list;
}

Json AstJsonWriter::SortKeys(const std::vector<ast::SortKey> &keys) const {
	Json list = Json::array();
	for (const auto &key : keys) {
		Json item;
		item["field"] = key.field;
		item["descending"] = key.descending;
		item["span"] = Span(key.span);
		list.push_back(std::move(item));
	}
	return list;
}

Json AstJsonWriter::Table(const ast::TableSource &table) const {
	Json json = Node("table", table.span);
	json["location"] = table.location;
	json["library_path"] = table.library_path;
	return json;
}

Json AstJsonWriter::AggregateCall(const ast::AggregateCall &call) const {
	Json json = Node("aggregate_call", call.span);
	json["function"] = AggregateKindName(call.kind);
	json["name"] = call.name;
	json["field"] = call.field.empty() ? Json(nullptr) : Json(call.field);
	json["field_span"] = call.field.empty() ? Json(nullptr) : Span(call.field_span);
	json["argument"] = Expression(call.argument);
	json["percentiles"] = call.percentile_texts;
	json["alias"] = OptionalValue(call.alias);
	return json;
}

Json AstJsonWriter::FieldSum(const char *type, const ast::Operator &op, const ast::FieldSumOperator &node) const {
	Json json = Node(type, op.span);
	json["field"] = node.field;
	json["field_span"] = Span(node.field_span);
	json["alias"] = OptionalValue(node.alias);
	json["keys"] = ByFields(node.keys);
	return json;
}

Json AstJsonWriter::Stage(const ast::Operator &op) const {
	return std::visit(
	    [&](const auto &node) {
		    using T = std::decay_t<decltype(node)>;
		    Json json;
		    if constexpr (std::is_same_v<T, ast::WhereOperator>) {
			    json = Node("where", op.span);
			    json["condition"] = Expression(node.condition);
		    } else if constexpr (std::is_same_v<T, ast::ParseAnchorOperator>) {
			    json = Node("parse", op.span);
			    json["field"] = OptionalValue(node.field);
			    json["pattern"] = node.pattern;
			    json["pattern_span"] = Span(node.pattern_span);
			    json["aliases"] = node.aliases;
			    json["nodrop"] = node.nodrop;
		    } else if constexpr (std::is_same_v<T, ast::ParseRegexOperator>) {
			    json = Node("parse_regex", op.span);
			    json["field"] = OptionalValue(node.field);
			    json["patterns"] = TextsWithSpans(node.patterns, node.pattern_spans);
			    json["multi"] = node.multi;
			    json["nodrop"] = node.nodrop;
			    json["promoted_from_anchor"] = node.promoted_from_anchor;
		    } else if constexpr (std::is_same_v<T, ast::ParseXmlOperator>) {
			    json = Node("parse_xml", op.span);
			    json["field"] = OptionalValue(node.field);
			    json["paths"] = TextsWithSpans(node.paths, node.path_spans);
			    json["aliases"] = node.aliases;
			    json["nodrop"] = node.nodrop;
		    } else if constexpr (std::is_same_v<T, ast::JsonOperator>) {
			    json = Node("json", op.span);
			    json["field"] = OptionalValue(node.field);
			    json["paths"] = TextsWithSpans(node.paths, node.path_spans);
			    json["aliases"] = node.aliases;
			    json["nodrop"] = node.nodrop;
			    json["auto"] = node.auto_mode;
			    json["max_depth"] = OptionalValue(node.max_depth);
			    json["extract_arrays"] = node.extract_arrays;
			    json["refonly"] = node.refonly;
		    } else if constexpr (std::is_same_v<T, ast::KeyValueOperator>) {
			    json = Node("keyvalue", op.span);
			    json["field"] = OptionalValue(node.field);
			    json["keys"] = TextsWithSpans(node.keys, node.key_spans);
			    json["aliases"] = node.aliases;
			    json["regex"] = node.regex ? TextsWithSpans({*node.regex}, {node.regex_span}).front() : Json(nullptr);
			    json["auto"] = node.auto_mode;
			    json["nodrop"] = node.nodrop;
		    } else if constexpr (std::is_same_v<T, ast::SplitOperator>) {
			    json = Node("split", op.span);
			    json["field"] = node.field;
			    json["delimiter"] = std::string(1, node.delimiter);
			    json["quote"] = std::string(1, node.quote);
			    json["escape"] = std::string(1, node.escape);
			    json["columns"] = Json::array();
			    for (const auto &column : node.columns) {
				    json["columns"].push_back(Json {{"position", column.position}, {"name", column.name}});
			    }
		    } else if constexpr (std::is_same_v<T, ast::AssignOperator>) {
			    json = Node("assign", op.span);
			    json["value"] = Expression(node.value);
			    json["target"] = node.target.empty() ? Json(nullptr) : Json(node.target);
			    json["target_span"] = node.target.empty() ? Json(nullptr) : Span(node.target_span);
			    json["from_eval"] = node.from_eval;
		    } else if constexpr (std::is_same_v<T, ast::FieldsOperator>) {
			    json = Node("fields", op.span);
			    json["exclude"] = node.exclude;
			    json["names"] = TextsWithSpans(node.names, node.name_spans);
		    } else if constexpr (std::is_same_v<T, ast::SortOperator>) {
			    json = Node("sort", op.span);
			    json["keys"] = SortKeys(node.keys);
		    } else if constexpr (std::is_same_v<T, ast::LimitOperator>) {
			    json = Node("limit", op.span);
			    json["count"] = node.count;
		    } else if constexpr (std::is_same_v<T, ast::DedupOperator>) {
			    json = Node("dedup", op.span);
			    json["consecutive"] = node.consecutive;
			    json["count"] = node.count;
			    json["keys"] = ByFields(node.keys);
		    } else if constexpr (std::is_same_v<T, ast::TotalOperator>) {
			    json = FieldSum("total", op, node);
		    } else if constexpr (std::is_same_v<T, ast::AccumOperator>) {
			    json = FieldSum("accum", op, node);
		    } else if constexpr (std::is_same_v<T, ast::DiffOperator>) {
			    json = FieldSum("diff", op, node);
		    } else if constexpr (std::is_same_v<T, ast::LookupOperator>) {
			    json = Node("lookup", op.span);
			    json["all_columns"] = node.all_columns;
			    json["columns"] = Json::array();
			    for (const auto &column : node.columns) {
				    json["columns"].push_back(
				        Json {{"column", column.column}, {"alias", OptionalValue(column.alias)}, {"span", Span(column.span)}});
			    }
			    json["table"] = Table(node.table);
			    json["joins"] = Json::array();
			    for (const auto &join : node.joins) {
				    json["joins"].push_back(
				        Json {{"field", join.field}, {"column", join.column}, {"column_span", Span(join.column_span)}});
			    }
		    } else if constexpr (std::is_same_v<T, ast::TransposeOperator>) {
			    json = Node("transpose", op.span);
			    json["rows"] = ByFields(node.rows);
			    json["columns"] = ByFields(node.columns);
			    json["outputs"] = node.outputs;
			    json["show_dynamic"] = node.show_dynamic;
		    } else if constexpr (std::is_same_v<T, ast::AggregateOperator>) {
			    json = Node("aggregate", op.span);
			    json["calls"] = Json::array();
			    for (const auto &call : node.calls) {
				    json["calls"].push_back(AggregateCall(call));
			    }
			    json["keys"] = ByFields(node.keys);
			    json["count_frequent"] = node.count_frequent;
		    } else if constexpr (std::is_same_v<T, ast::TimesliceOperator>) {
			    json = Node("timeslice", op.span);
			    json["width_ms"] = OptionalValue(node.width_ms);
			    json["buckets"] = OptionalValue(node.buckets);
			    json["alias"] = OptionalValue(node.alias);
		    } else if constexpr (std::is_same_v<T, ast::TopkOperator>) {
			    json = Node("topk", op.span);
			    json["count"] = node.count;
			    json["ranked"] = ByFields(node.ranked);
			    json["keys"] = ByFields(node.keys);
		    } else if constexpr (std::is_same_v<T, ast::OutlierOperator>) {
			    json = Node("outlier", op.span);
			    json["field"] = node.field;
			    json["field_span"] = Span(node.field_span);
			    json["keys"] = ByFields(node.keys);
			    json["window"] = node.window;
			    json["threshold"] = node.threshold;
			    json["consecutive"] = node.consecutive;
			    json["direction"] = node.direction == ast::OutlierDirection::kAbove   ? "+"
			                        : node.direction == ast::OutlierDirection::kBelow ? "-"
			                                                                          : "+-";
		    } else if constexpr (std::is_same_v<T, ast::TopOperator>) {
			    json = Node("top", op.span);
			    json["count"] = node.count;
			    json["fields"] = ByFields(node.fields);
			    json["ranking"] = SortKeys(node.ranking);
		    } else {
			    static_assert(std::is_same_v<T, ast::FillmissingOperator>, "every operator has a type");
			    json = Node("fillmissing", op.span);
			    json["generators"] = FillGenerators(node.generators);
			    json["constants"] = FillConstants(node.constants);
			    json["take_last"] = node.take_last;
		    }
		    return json;
	    },
	    op.node);
}

Json AstJsonWriter::Query(const ast::Query &query) const {
	SourceSpan whole;
	whole.length = static_cast<std::uint32_t>(text_.filled.text.size());
	Json json = Node("query", whole);
	json["scope"] = query.scope ? Scope(*query.scope) : Json(nullptr);
	json["cat_table"] = query.cat_table ? Table(*query.cat_table) : Json(nullptr);

	json["stages"] = Json::array();
	for (const auto &op : query.operators) {
		json["stages"].push_back(Stage(op));
	}

	json["extensions"] = Json::array();
	for (const auto &use : query.extensions) {
		Json item = Node(ExtensionKindName(use.kind), use.span);
		item["subject"] = use.subject.empty() ? Json(nullptr) : Json(use.subject);
		json["extensions"].push_back(std::move(item));
	}
	json["bare_predicates"] = Json::array();
	for (const auto &span : query.bare_predicates) {
		json["bare_predicates"].push_back(Span(span));
	}
	json["unsupported"] = Json::array();
	for (const auto &use : query.unsupported) {
		Json item = Node("unsupported", use.span);
		item["construct"] = use.construct;
		item["spelling"] = use.spelling;
		json["unsupported"].push_back(std::move(item));
	}
	return json;
}

} // namespace

nlohmann::ordered_json AstToJson(const ast::Query &query, const QueryText &text) {
	Json document;
	document["version"] = kAstJsonVersion;
	document["source"] = text.source_name;
	document["query"] = AstJsonWriter(text).Query(query);
	return document;
}

} // namespace sumoql
