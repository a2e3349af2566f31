#pragma once

#include "grammar/ast.hpp"
#include "grammar/diagnostic.hpp"

#include <string>
#include <vector>

namespace sumoql {

//! A field extraction rule (FER): a `.sumo` text of parse and assignment stages, such as
//! `json "a.b" as b | parse regex field=msg "(?<user>\w+)"`, that runs on each event of a
//! source before the query. As in Sumo's rule editor, the text may start with the first stage or
//! with a `|`.
struct ExtractionRules {
	//! The file name, or `layout NAME` for a shipped rule; diagnostics show it.
	std::string source_name;
	std::string text;
	ast::Query stages;
	//! Characters put in front of `text` before parsing; stage spans count them.
	std::uint32_t prefix_length = 0;

	//! Returns `diagnostics` with spans moved back from the parsed text into `text`.
	std::vector<Diagnostic> Locate(std::vector<Diagnostic> diagnostics) const;

	//! The stages, as the planner takes them.
	std::vector<const ast::Operator *> StagePointers() const;
};

//! Parses a rule text. Throws QueryError, with spans in `text`, when it does not parse.
ExtractionRules ParseExtractionRules(std::string source_name, std::string text);

} // namespace sumoql
