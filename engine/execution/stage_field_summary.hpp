#pragma once

#include "engine/execution/stage_fields.hpp"
#include "grammar/ast.hpp"

#include <string>
#include <vector>

namespace sumoql {

//! The change a stage makes to the set of fields in a row.
enum class RowFieldChange {
	//! Adds or overwrites the written fields and keeps every other field.
	kKeepsOthers,
	//! `fields a, b`: keeps only the listed fields, the `_` system fields and later ones.
	kKeepsListed,
	//! `fields - a, b`: removes the listed fields.
	kRemovesListed,
	//! An aggregation or `transpose`: each output row holds only the kept fields (the group-by
	//! or row fields) and the written fields.
	kReplacesAll,
};

//! The fields one stage reads and writes, for `explain` and the compatibility findings. The
//! planner binds the same fields, and this summary only names them.
struct StageFieldSummary {
	std::vector<FieldUse> reads;
	//! The fields the stage creates or overwrites.
	std::vector<std::string> writes;
	//! With kReplacesAll: the input fields that the output rows keep.
	std::vector<std::string> kept_fields;
	RowFieldChange change = RowFieldChange::kKeepsOthers;
	//! False when the stage also writes fields whose names depend on the data, such as the
	//! columns of `lookup *` or the column values that `transpose` turns into fields.
	bool writes_complete = true;
};

//! Returns the operator's name as queries write it, such as "where", "parse regex" or "count_frequent".
//! An aggregation is "aggregation", and an `expr as field` stage is "as".
std::string_view OperatorName(const ast::Operator &op);

//! Returns true for the stages that take part in the chain rule of parse operators: `parse`,
//! `parse regex`, `parse xml`, `json` and `keyvalue`, but not `json auto`, which never drops a row.
bool IsParseStage(const ast::Operator &op);

//! Lists the fields `op` reads and writes, in query text order.
StageFieldSummary SummarizeStageFields(const ast::Operator &op);

//! The output name an aggregate has without `as`, such as `_count`. It is empty for `pct`, whose
//! names depend on the percentiles.
std::string DefaultAggregateName(const ast::AggregateCall &call);

//! The fields an aggregate writes: its alias, its default name, or one `_f_pct_N` per percentile.
std::vector<std::string> AggregateOutputNames(const ast::AggregateCall &call);

} // namespace sumoql
