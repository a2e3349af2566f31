#pragma once

// Template parameters of dashboards and app installers: `{{name}}`, `$$name`, and the `<name>`,
// `[name]` and `{name}` placeholders of documentation examples. They are filled in the query text before parsing,
// inside strings too, because dashboards substitute text. Comments are left alone.

#include "grammar/source_span.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! One template parameter in the text as written.
struct TemplateParameter {
	//! The name without delimiters: `region` for `{{region}}`, `$$region` and `<region>`.
	std::string name;
	//! The whole placeholder, delimiters included.
	std::string text;
	//! The span of the placeholder's stand-in in the filled text. The stand-in has the
	//! placeholder's length, so FilledQuery::ToOriginal maps it back exactly.
	SourceSpan span;
};

//! A replacement of `original_length` bytes at `original_offset` of the written text by
//! `filled_length` bytes at `filled_offset` of the filled text.
struct TextReplacement {
	std::size_t original_offset = 0;
	std::size_t original_length = 0;
	std::size_t filled_offset = 0;
	std::size_t filled_length = 0;
};

//! A query after its template parameters were filled.
struct FilledQuery {
	std::string text;
	//! The parameters that had no value, in text order. Each was replaced by a field name of the
	//! same length, such as `__region__`, so that the query still parses.
	std::vector<TemplateParameter> unfilled;
	//! Every replacement, in text order.
	std::vector<TextReplacement> replacements;

	//! Maps a span of the filled text to the written text. A span that starts inside a filled
	//! value maps to the start of its placeholder. `original` is the written text.
	SourceSpan ToOriginal(const SourceSpan &span, std::string_view original) const;
};

//! Finds the template parameters of `text` and fills those that `values` names.
//! `{{name}}` and `$$name` are found anywhere outside comments. `<name>` is found only outside
//! strings and where `<` cannot compare: after `=`, `,`, `(` or `as`, or at the start of a search
//! term before the first `|`. `[name]` is found only after `=`, and `{name}` only at the start
//! of a search term before the first `|`.
FilledQuery FillTemplateParameters(std::string_view text, const std::map<std::string, std::string> &values);

} // namespace sumoql
