#include "engine/functions/scalar_function.hpp"

#include <array>

namespace sumoql {

namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
	if (a.size() != b.size()) {
		return false;
	}
	for (std::size_t i = 0; i < a.size(); i++) {
		auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
		if (lower(a[i]) != lower(b[i])) {
			return false;
		}
	}
	return true;
}

} // namespace

const ScalarFunction *FindScalarFunction(std::string_view name) {
	const std::array families = {NullTestFunctions(), CastFunctions(), ContainsFunctions(), IsNumericFunctions(),
	                             CaseConversionFunctions()};
	for (auto family : families) {
		for (const auto &function : family) {
			if (EqualsIgnoringCase(function.name, name)) {
				return &function;
			}
		}
	}
	return nullptr;
}

} // namespace sumoql
