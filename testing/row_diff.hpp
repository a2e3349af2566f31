#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sumoql {

//! Returns true when an actual field value satisfies an expected one. `actual` is null when the
//! row has no such field. An expected null matches a missing or null field. When either side is
//! a number, both are compared as numbers, so `4128`, `"4128"` and `4128.0` are equal. Other
//! values are compared as the text a cell shows, case-sensitively.
bool FieldValueMatches(const nlohmann::ordered_json &expected, const nlohmann::ordered_json *actual);

//! Compares expected rows, which list only the fields the author checks, with the actual rows,
//! and returns one line per difference, or nothing when every expected row has its own actual
//! row and no actual row is left over. Field names compare case-insensitively, as Sumo's do.
//!
//! With `ordered` and equal counts, expected row N is compared with actual row N, unless every
//! row has a match in another order: then one line names the moved rows. With `ordered` and
//! different counts, the rows are first aligned on a longest run of matching rows in order, so
//! one missing or extra row shows as only that, and the rows between two aligned ones are paired
//! by the most fields in agreement, then in order. Without `ordered`, the rows are paired by a
//! maximum matching, and each expected row left over is shown against the remaining actual row
//! that agrees with it on the most fields. Lines look like:
//!
//!   row 2 (actual row 5): dst_port: expected 4128, got 4129
//!   missing row 3: {dst_port: 4128, o1: 172}
//!   unexpected row 4: {dst_port: 5751, o1: 81}
//!
//! Rows count from 1. An unexpected row shows the fields that the expected rows name, or every
//! field when no expected row is given.
std::vector<std::string> DiffRows(const std::vector<nlohmann::ordered_json> &expected,
                                  const std::vector<nlohmann::ordered_json> &actual, bool ordered);

//! Describes up to ten `rows` as `unexpected row N: {...}` lines, for a count mismatch.
std::vector<std::string> DescribeUnexpectedRows(const std::vector<nlohmann::ordered_json> &rows);

} // namespace sumoql
