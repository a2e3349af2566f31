#pragma once

#include "testing/test_case.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sumoql {

//! New rows for one snapshot case.
struct SnapshotEdit {
	//! The case's `rows:` entry, or an empty span where a new entry goes.
	TextSpan span;
	int key_column = 0;
	std::vector<nlohmann::ordered_json> rows;
};

//! Returns `text` with each edit's span replaced by a `rows:` entry holding its rows, one flow
//! map per row. Text outside the spans, comments included, is kept byte for byte, and the new
//! lines end as the text's first line does. The spans must not overlap.
std::string ApplySnapshotEdits(const std::string &text, std::vector<SnapshotEdit> edits);

} // namespace sumoql
