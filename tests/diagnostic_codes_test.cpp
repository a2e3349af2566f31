#include "grammar/diagnostic.hpp"
#include "grammar/diagnostic_codes.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace sumoql {
namespace {

// Reads the codes from the table rows of docs/diagnostics.md, which start with `| SQnnnn |`.
std::set<std::string> DocumentedCodes() {
	std::ifstream file(std::string(SUMOQL_SOURCE_DIR) + "/docs/diagnostics.md");
	std::stringstream text;
	text << file.rdbuf();

	std::set<std::string> codes;
	const std::regex row(R"(^\| (SQ[0-9]{4}) \|)");
	std::string line;
	while (std::getline(text, line)) {
		std::smatch match;
		if (std::regex_search(line, match, row)) {
			codes.insert(match[1]);
		}
	}
	return codes;
}

TEST(DiagnosticCodes, EveryCodeIsDocumented) {
	const std::set<std::string> documented = DocumentedCodes();
	ASSERT_FALSE(documented.empty()) << "docs/diagnostics.md has no code table";
	for (const DiagnosticCodeInfo &info : DiagnosticCodes()) {
		EXPECT_TRUE(documented.contains(std::string(info.code))) << info.code << " is missing from docs/diagnostics.md";
	}
}

TEST(DiagnosticCodes, EveryDocumentedCodeExists) {
	std::set<std::string> registered;
	for (const DiagnosticCodeInfo &info : DiagnosticCodes()) {
		registered.insert(std::string(info.code));
	}
	for (const std::string &code : DocumentedCodes()) {
		EXPECT_TRUE(registered.contains(code)) << code << " is documented but not registered";
	}
}

TEST(DiagnosticCodes, CodesAreUniqueAndGrouped) {
	std::set<std::string_view> seen;
	for (const DiagnosticCodeInfo &info : DiagnosticCodes()) {
		EXPECT_TRUE(seen.insert(info.code).second) << info.code << " is registered twice";
		EXPECT_TRUE(std::regex_match(std::string(info.code), std::regex("SQ[1-5][0-9]{3}"))) << info.code;
	}
}

TEST(DiagnosticCodes, EveryKindHasRegisteredCode) {
	std::set<std::string_view> registered;
	for (const DiagnosticCodeInfo &info : DiagnosticCodes()) {
		registered.insert(info.code);
	}
	for (DiagnosticKind kind : {DiagnosticKind::kSyntax, DiagnosticKind::kUnsupported, DiagnosticKind::kUnimplemented,
	                            DiagnosticKind::kSemantic, DiagnosticKind::kExtension, DiagnosticKind::kParameter}) {
		Diagnostic diagnostic;
		diagnostic.kind = kind;
		EXPECT_TRUE(registered.contains(CodeOf(diagnostic))) << DiagnosticKindName(kind);
	}
}

TEST(DiagnosticCodes, OwnCodeOverridesKind) {
	Diagnostic diagnostic;
	diagnostic.kind = DiagnosticKind::kExtension;
	diagnostic.code = diagnostic_code::kRegexFlags;
	EXPECT_EQ(CodeOf(diagnostic), "SQ2004");
}

TEST(DiagnosticCodes, SyntaxKindGetsSyntaxCode) {
	Diagnostic diagnostic;
	diagnostic.kind = DiagnosticKind::kSyntax;
	EXPECT_EQ(CodeOf(diagnostic), "SQ1001");
}

} // namespace
} // namespace sumoql
