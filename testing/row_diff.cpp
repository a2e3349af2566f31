#include "testing/row_diff.hpp"

#include "engine/types/ascii.hpp"
#include "engine/types/number_text.hpp"
#include "engine/writers/result_writer.hpp"
#include "testing/yaml_values.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <functional>
#include <optional>

namespace sumoql {

namespace {

using Json = nlohmann::ordered_json;

//! Unexpected rows beyond this many are counted, not shown, so that a query that suddenly
//! returns every event still gives a short report.
constexpr std::size_t kMaxUnexpectedRowsShown = 10;

const Json *FindField(const Json &row, const std::string &name) {
	for (const auto &[key, value] : row.items()) {
		if (EqualsIgnoringCase(key, name)) {
			return &value;
		}
	}
	return nullptr;
}

bool RowMatches(const Json &expected, const Json &actual) {
	for (const auto &[name, value] : expected.items()) {
		if (!FieldValueMatches(value, FindField(actual, name))) {
			return false;
		}
	}
	return true;
}

std::size_t CountEqualFields(const Json &expected, const Json &actual) {
	std::size_t count = 0;
	for (const auto &[name, value] : expected.items()) {
		count += FieldValueMatches(value, FindField(actual, name)) ? 1 : 0;
	}
	return count;
}

//! Lists each field of `expected` that `actual` does not satisfy, after `prefix`.
void DiffFields(const Json &expected, const Json &actual, const std::string &prefix, std::vector<std::string> &lines) {
	for (const auto &[name, value] : expected.items()) {
		const Json *found = FindField(actual, name);
		if (FieldValueMatches(value, found)) {
			continue;
		}
		std::string got = found ? JsonToYamlFlow(*found) : std::string("no such field");
		lines.push_back(fmt::format("{}: {}: expected {}, got {}", prefix, name, JsonToYamlFlow(value), got));
	}
}

//! The fields the expected rows name, in order of first appearance.
std::vector<std::string> NamedFields(const std::vector<Json> &expected) {
	std::vector<std::string> names;
	for (const auto &row : expected) {
		for (const auto &[name, value] : row.items()) {
			bool seen = false;
			for (const auto &known : names) {
				seen = seen || EqualsIgnoringCase(known, name);
			}
			if (!seen) {
				names.push_back(name);
			}
		}
	}
	return names;
}

//! Shows `row` cut down to `names`, or whole when `names` is empty.
std::string ShowRow(const Json &row, const std::vector<std::string> &names) {
	if (names.empty()) {
		return JsonToYamlFlow(row);
	}
	Json shown = Json::object();
	for (const auto &name : names) {
		if (const Json *value = FindField(row, name)) {
			shown[name] = *value;
		}
	}
	return JsonToYamlFlow(shown);
}

void AddUnexpected(const std::vector<Json> &actual, const std::vector<std::size_t> &indexes,
                   const std::vector<std::string> &names, std::vector<std::string> &lines) {
	for (std::size_t i = 0; i < indexes.size() && i < kMaxUnexpectedRowsShown; i++) {
		lines.push_back(fmt::format("unexpected row {}: {}", indexes[i] + 1, ShowRow(actual[indexes[i]], names)));
	}
	if (indexes.size() > kMaxUnexpectedRowsShown) {
		lines.push_back(fmt::format("... and {} more unexpected rows", indexes.size() - kMaxUnexpectedRowsShown));
	}
}

//! Shows each expected row in `expected_rows` against the actual row in `actual_rows` that agrees
//! with it on the most fields and is not taken yet. Marks the actual rows it uses in `taken`, and
//! returns the expected rows that no such actual row agrees with on any field.
std::vector<std::size_t> DiffClosestRows(const std::vector<Json> &expected, const std::vector<Json> &actual,
                                         const std::vector<std::size_t> &expected_rows,
                                         const std::vector<std::size_t> &actual_rows, std::vector<bool> &taken,
                                         std::vector<std::string> &lines) {
	std::vector<std::size_t> left;
	for (std::size_t e : expected_rows) {
		std::optional<std::size_t> closest;
		std::size_t best = 0;
		for (std::size_t a : actual_rows) {
			std::size_t equal = CountEqualFields(expected[e], actual[a]);
			if (!taken[a] && equal > best) {
				closest = a;
				best = equal;
			}
		}
		if (!closest) {
			left.push_back(e);
			continue;
		}
		taken[*closest] = true;
		DiffFields(expected[e], actual[*closest], fmt::format("row {} (actual row {})", e + 1, *closest + 1), lines);
	}
	return left;
}

void AddMissing(const std::vector<Json> &expected, const std::vector<std::size_t> &indexes,
                std::vector<std::string> &lines) {
	for (std::size_t e : indexes) {
		lines.push_back(fmt::format("missing row {}: {}", e + 1, JsonToYamlFlow(expected[e])));
	}
}

//! Returns the indexes from `begin` up to, not including, `end`.
std::vector<std::size_t> IndexRange(std::size_t begin, std::size_t end) {
	std::vector<std::size_t> indexes;
	for (std::size_t i = begin; i < end; i++) {
		indexes.push_back(i);
	}
	return indexes;
}

//! Returns the pairs (expected, actual) of a longest run of matching rows common to both lists,
//! in order.
std::vector<std::pair<std::size_t, std::size_t>> AlignRows(const std::vector<Json> &expected,
                                                           const std::vector<Json> &actual) {
	const std::size_t n = expected.size();
	const std::size_t m = actual.size();
	// common[i][j] is the length of the longest common run of expected[i..] and actual[j..].
	std::vector<std::vector<std::size_t>> common(n + 1, std::vector<std::size_t>(m + 1, 0));
	std::vector<std::vector<bool>> fits(n, std::vector<bool>(m));
	for (std::size_t i = n; i-- > 0;) {
		for (std::size_t j = m; j-- > 0;) {
			fits[i][j] = RowMatches(expected[i], actual[j]);
			common[i][j] = fits[i][j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
		}
	}

	std::vector<std::pair<std::size_t, std::size_t>> pairs;
	std::size_t i = 0;
	std::size_t j = 0;
	while (i < n && j < m) {
		if (fits[i][j] && common[i][j] == common[i + 1][j + 1] + 1) {
			pairs.emplace_back(i++, j++);
		} else if (common[i + 1][j] >= common[i][j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	return pairs;
}

//! Pairs expected with actual rows that match them, as many as possible (Kuhn's augmenting
//! paths). Returns, for each expected row, the index of its actual row.
std::vector<std::optional<std::size_t>> MatchRows(const std::vector<Json> &expected, const std::vector<Json> &actual) {
	std::vector<std::vector<bool>> fits(expected.size(), std::vector<bool>(actual.size()));
	for (std::size_t e = 0; e < expected.size(); e++) {
		for (std::size_t a = 0; a < actual.size(); a++) {
			fits[e][a] = RowMatches(expected[e], actual[a]);
		}
	}

	std::vector<std::optional<std::size_t>> owner(actual.size());
	std::vector<bool> visited;
	std::function<bool(std::size_t)> augment = [&](std::size_t e) {
		for (std::size_t a = 0; a < actual.size(); a++) {
			if (!fits[e][a] || visited[a]) {
				continue;
			}
			visited[a] = true;
			if (!owner[a] || augment(*owner[a])) {
				owner[a] = e;
				return true;
			}
		}
		return false;
	};
	for (std::size_t e = 0; e < expected.size(); e++) {
		visited.assign(actual.size(), false);
		augment(e);
	}

	std::vector<std::optional<std::size_t>> partner(expected.size());
	for (std::size_t a = 0; a < actual.size(); a++) {
		if (owner[a]) {
			partner[*owner[a]] = a;
		}
	}
	return partner;
}

//! Describes rows that all match, but in another order, as one line that names each moved row,
//! or returns an empty string when some expected row has no matching actual row.
std::string DescribeReordering(const std::vector<std::optional<std::size_t>> &partner) {
	std::string moves;
	std::size_t shown = 0;
	for (std::size_t e = 0; e < partner.size(); e++) {
		if (!partner[e]) {
			return {};
		}
		if (*partner[e] == e) {
			continue;
		}
		if (shown++ < kMaxUnexpectedRowsShown) {
			moves += fmt::format("{}expected row {} is actual row {}", moves.empty() ? "" : ", ", e + 1, *partner[e] + 1);
		}
	}
	if (shown > kMaxUnexpectedRowsShown) {
		moves += fmt::format(", and {} more", shown - kMaxUnexpectedRowsShown);
	}
	return "the rows match, but in another order: " + moves;
}

std::vector<std::string> DiffOrdered(const std::vector<Json> &expected, const std::vector<Json> &actual) {
	std::vector<std::string> lines;
	if (expected.size() == actual.size()) {
		for (std::size_t i = 0; i < expected.size(); i++) {
			DiffFields(expected[i], actual[i], fmt::format("row {}", i + 1), lines);
		}
		// Field differences between rows that are only swapped would hide that fact.
		std::string reordering = lines.empty() ? std::string() : DescribeReordering(MatchRows(expected, actual));
		if (!reordering.empty()) {
			return {reordering};
		}
		return lines;
	}

	// Between two aligned rows, each expected row left is shown against the closest actual row
	// left in that gap. Rows that agree on no field are then paired in order, and the rest are
	// missing or unexpected.
	auto pairs = AlignRows(expected, actual);
	pairs.emplace_back(expected.size(), actual.size());
	std::vector<bool> taken(actual.size());
	std::size_t e = 0;
	std::size_t a = 0;
	for (const auto &[next_e, next_a] : pairs) {
		auto left = DiffClosestRows(expected, actual, IndexRange(e, next_e), IndexRange(a, next_a), taken, lines);
		std::size_t in_order = 0;
		for (std::size_t free = a; free < next_a && in_order < left.size(); free++) {
			if (taken[free]) {
				continue;
			}
			taken[free] = true;
			std::size_t row = left[in_order++];
			DiffFields(expected[row], actual[free], fmt::format("row {} (actual row {})", row + 1, free + 1), lines);
		}
		AddMissing(expected, std::vector<std::size_t>(left.begin() + in_order, left.end()), lines);
		if (next_a < actual.size()) {
			taken[next_a] = true;
		}
		e = next_e + 1;
		a = next_a + 1;
	}

	std::vector<std::size_t> extra;
	for (std::size_t i = 0; i < actual.size(); i++) {
		if (!taken[i]) {
			extra.push_back(i);
		}
	}
	AddUnexpected(actual, extra, NamedFields(expected), lines);
	return lines;
}

std::vector<std::string> DiffUnordered(const std::vector<Json> &expected, const std::vector<Json> &actual) {
	auto partner = MatchRows(expected, actual);
	std::vector<bool> taken(actual.size());
	std::vector<std::size_t> unmatched;
	for (std::size_t e = 0; e < expected.size(); e++) {
		if (partner[e]) {
			taken[*partner[e]] = true;
		} else {
			unmatched.push_back(e);
		}
	}

	std::vector<std::string> lines;
	AddMissing(expected, DiffClosestRows(expected, actual, unmatched, IndexRange(0, actual.size()), taken, lines),
	           lines);

	std::vector<std::size_t> extra;
	for (std::size_t i = 0; i < actual.size(); i++) {
		if (!taken[i]) {
			extra.push_back(i);
		}
	}
	AddUnexpected(actual, extra, NamedFields(expected), lines);
	return lines;
}

std::optional<double> AsNumber(const Json &value) {
	if (value.is_number()) {
		return value.get<double>();
	}
	double number = 0;
	if (value.is_string() && ParseNumber(value.get_ref<const std::string &>(), number)) {
		return number;
	}
	return std::nullopt;
}

} // namespace

bool FieldValueMatches(const Json &expected, const Json *actual) {
	if (expected.is_null()) {
		return actual == nullptr || actual->is_null();
	}
	if (actual == nullptr || actual->is_null()) {
		return false;
	}
	if (expected.is_number() || actual->is_number()) {
		auto expected_number = AsNumber(expected);
		auto actual_number = AsNumber(*actual);
		return expected_number && actual_number && *expected_number == *actual_number;
	}
	if (expected.is_structured() || actual->is_structured()) {
		return expected == *actual;
	}
	return CellText(expected) == CellText(*actual);
}

std::vector<std::string> DiffRows(const std::vector<Json> &expected, const std::vector<Json> &actual, bool ordered) {
	return ordered ? DiffOrdered(expected, actual) : DiffUnordered(expected, actual);
}

std::vector<std::string> DescribeUnexpectedRows(const std::vector<Json> &rows) {
	std::vector<std::size_t> indexes;
	for (std::size_t i = 0; i < rows.size(); i++) {
		indexes.push_back(i);
	}
	std::vector<std::string> lines;
	AddUnexpected(rows, indexes, {}, lines);
	return lines;
}

} // namespace sumoql
