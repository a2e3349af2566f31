#pragma once

#include "engine/operators/parse_common.hpp"
#include "engine/operators/physical_operator.hpp"

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <vector>

namespace sumoql {

//! `parse xml "/users/user[2]/@id", ... as id, ... [nodrop]`: reads the XML in the input field
//! and stores the first match of each XPath in its field. An attribute or text node gives its
//! value, an element its XML text, and an XPath that computes a string, number or boolean gives
//! that value as text. The XML starts at the input's first `<` that opens a tag.
//!
//! A row matches when every XPath matches. An XPath without a match, or an input that is not
//! well-formed XML, leaves the field as it was, which is null unless an earlier stage set it. A
//! row that does not match is dropped unless the parse rules keep it.
class ParseXmlOperator : public PhysicalOperator {
public:
	struct Target {
		std::shared_ptr<const pugi::xpath_query> query;
		idx_t slot = 0;
	};

	ParseXmlOperator(ParseSettings settings, std::vector<Target> targets);

	void Execute(DataChunk &chunk) override;

	//! Compiles `xpath` in the subset Sumo Logic documents: absolute location paths that only go
	//! down the tree, with predicates. Returns nullptr and sets `error` when `xpath` is invalid
	//! or outside the subset. A namespace prefix gives a query that never matches.
	static std::shared_ptr<const pugi::xpath_query> CompileXPath(const std::string &xpath, std::string &error);

	//! The field an XPath creates without `as`: the name of its last attribute or element.
	static std::string DefaultFieldName(std::string_view xpath);

private:
	//! Stores the value of `target` for `row`. Returns false when the XPath matches nothing.
	bool ExtractTarget(const Target &target, DataChunk &chunk, sel_t row);

	ParseSettings settings_;
	std::vector<Target> targets_;
	std::vector<std::uint8_t> matched_;
	pugi::xml_document document_;
	//! The XML text of a matched element, or the text of a computed value.
	std::string element_text_;
};

} // namespace sumoql
