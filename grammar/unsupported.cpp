#include "grammar/unsupported.hpp"

#include "grammar/messages.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace sumoql {

namespace {

struct UnsupportedReason {
	std::string_view construct;
	std::string_view reason;
};

// Constructs that cannot run on local files, because they need Sumo Logic's hosted data, a
// service whose computation is not published, or the Library, with the reason. Any other
// unsupported construct is one that sumoql could run locally but does not implement yet.
constexpr std::array<UnsupportedReason, 13> kReasons = {{
    {"geoip", "it needs Sumo Logic's hosted GeoIP data"},
    {"geolookup", "it needs Sumo Logic's hosted geolocation data"},
    {"threatip", "it needs Sumo Logic's hosted threat intelligence data"},
    {"threatlookup", "it needs Sumo Logic's hosted threat intelligence data"},
    {"logreduce", "it needs Sumo Logic's LogReduce clustering service"},
    {"logcompare", "it compares LogReduce signatures, which need Sumo Logic's clustering service"},
    {"logexplain", "it needs Sumo Logic's LogExplain analysis service"},
    {"infer", "it needs Sumo Logic's hosted benchmark models"},
    {"save", "it writes results to the Sumo Logic Library or an index"},
    {"compose", "it returns a subquery's rows to the enclosing query, so it can only end a "
                "subquery"},
    {"geo://", "it is Sumo Logic's hosted geolocation data"},
    {"asn://", "it is Sumo Logic's hosted autonomous system (ASN) data"},
    {"sumo://", "it is Sumo Logic's hosted threat intelligence data"},
}};

// A table scheme other than path://, http:// and https:// names data that only a tenant has.
constexpr std::string_view kHostedTableReason = "only a Sumo Logic tenant has the data of this scheme";

constexpr std::string_view kUnsupportedHint =
    "sumoql runs queries over local files only; remove this part or run the query in Sumo Logic";

const UnsupportedReason *FindReason(std::string_view construct) {
	for (const UnsupportedReason &entry : kReasons) {
		if (entry.construct == construct) {
			return &entry;
		}
	}
	return nullptr;
}

Diagnostic DescribeUse(const ast::UnsupportedUse &use) {
	Diagnostic diagnostic;
	diagnostic.severity = Severity::kError;
	diagnostic.span = use.span;
	diagnostic.construct = use.construct;

	const UnsupportedReason *reason = FindReason(use.construct);
	if (use.construct.ends_with("://")) {
		diagnostic.kind = DiagnosticKind::kUnsupported;
		diagnostic.message = fmt::format("table '{}' is not supported: {}", use.spelling,
		                                 reason != nullptr ? reason->reason : kHostedTableReason);
		diagnostic.hint = "sumoql reads only local tables: map a CSV file with --lookup and name it as "
		                  "path://\"/Library/...\", or run the query in Sumo Logic";
		return diagnostic;
	}
	if (reason == nullptr && use.construct == "subquery") {
		diagnostic.kind = DiagnosticKind::kUnimplemented;
		diagnostic.message = "a subquery is not supported yet";
		diagnostic.hint = "sumoql parses subqueries but does not run them; run the query in Sumo Logic";
		return diagnostic;
	}
	if (reason == nullptr) {
		diagnostic.kind = DiagnosticKind::kUnimplemented;
		diagnostic.message = fmt::format(fmt::runtime(grammar::error_message<grammar::unsupported_operator>),
		                                 use.spelling);
		diagnostic.hint = grammar::error_hint<grammar::unsupported_operator>;
		return diagnostic;
	}

	diagnostic.kind = DiagnosticKind::kUnsupported;
	diagnostic.message = fmt::format("operator '{}' is not supported: {}", use.spelling, reason->reason);
	diagnostic.hint = std::string(kUnsupportedHint);
	return diagnostic;
}

} // namespace

std::vector<Diagnostic> DescribeUnsupported(const ast::Query &query) {
	std::vector<Diagnostic> diagnostics;
	for (const auto &use : query.unsupported) {
		diagnostics.push_back(DescribeUse(use));
	}
	return diagnostics;
}

} // namespace sumoql
