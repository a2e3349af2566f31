#include "testing/expectation.hpp"

#include "testing/row_diff.hpp"

#include <fmt/format.h>

namespace sumoql {

namespace {

std::string Plural(std::size_t count, const char *word) {
	return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

std::string JoinErrors(const std::vector<std::string> &errors) {
	std::string joined;
	for (const auto &error : errors) {
		joined += (joined.empty() ? "" : "; ") + error;
	}
	return joined;
}

std::vector<std::string> CheckError(const TestCase &test_case, const CaseRun &run) {
	if (run.errors.empty()) {
		return {fmt::format("expected an error containing '{}', but the query returned {}", test_case.error_text,
		                    Plural(run.rows.size(), "row"))};
	}
	for (const auto &error : run.errors) {
		if (error.find(test_case.error_text) != std::string::npos) {
			return {};
		}
	}
	return {fmt::format("expected an error containing '{}', got: {}", test_case.error_text, JoinErrors(run.errors))};
}

std::vector<std::string> CheckRows(const TestCase &test_case, const CaseRun &run) {
	bool recorded = test_case.rows_span.end > test_case.rows_span.begin;
	if (test_case.snapshot && !recorded) {
		return {"the snapshot has no rows yet; run 'sumoql test --update' to record them"};
	}

	std::vector<std::string> lines;
	if (test_case.rows.size() != run.rows.size()) {
		lines.push_back(fmt::format("expected {}, got {}", Plural(test_case.rows.size(), "row"),
		                            Plural(run.rows.size(), "row")));
	}
	auto differences = DiffRows(test_case.rows, run.rows, test_case.ordered);
	if (differences.empty()) {
		return {};
	}
	lines.insert(lines.end(), differences.begin(), differences.end());
	return lines;
}

} // namespace

std::vector<std::string> CheckExpectation(const TestCase &test_case, const CaseRun &run) {
	if (test_case.expectation == ExpectationKind::kError) {
		return CheckError(test_case, run);
	}
	if (!run.errors.empty()) {
		std::vector<std::string> lines;
		for (const auto &error : run.errors) {
			lines.push_back((run.input_failed ? "the input failed: " : "the query failed: ") + error);
		}
		return lines;
	}

	switch (test_case.expectation) {
	case ExpectationKind::kNoMatches: {
		if (run.rows.empty()) {
			return {};
		}
		std::vector<std::string> lines = {fmt::format("expected no rows, got {}", run.rows.size())};
		auto shown = DescribeUnexpectedRows(run.rows);
		lines.insert(lines.end(), shown.begin(), shown.end());
		return lines;
	}
	case ExpectationKind::kMatchCount:
		if (run.rows.size() == test_case.match_count) {
			return {};
		}
		return {fmt::format("expected {}, got {}", Plural(test_case.match_count, "row"), run.rows.size())};
	case ExpectationKind::kRows:
		return CheckRows(test_case, run);
	case ExpectationKind::kError:
		break;
	}
	return {};
}

} // namespace sumoql
