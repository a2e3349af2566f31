#include "engine/functions/scalar_function.hpp"

#include "engine/types/ascii.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace sumoql {

namespace {

std::array<std::span<const ScalarFunction>, 17> Families() {
	return {NullTestFunctions(), CastFunctions(),      ContainsFunctions(),  IsNumericFunctions(),
	        CaseConversionFunctions(), DateTimeFunctions(), IpAddressFunctions(), CidrFunctions(),
	        ConcatFunctions(), SubstringFunctions(), TrimFunctions(), ReplaceFunctions(), FormatFunctions(),
	        UrlFunctions(), Base64Functions(), HashFunctions(), MathFunctions()};
}

//! Levenshtein distance between `a` and `b` with ASCII letters compared without case.
std::size_t EditDistance(std::string_view a, std::string_view b) {
	std::vector<std::size_t> previous(b.size() + 1);
	std::vector<std::size_t> current(b.size() + 1);
	for (std::size_t j = 0; j <= b.size(); j++) {
		previous[j] = j;
	}
	for (std::size_t i = 1; i <= a.size(); i++) {
		current[0] = i;
		for (std::size_t j = 1; j <= b.size(); j++) {
			std::size_t substitution = previous[j - 1] + (LowerAscii(a[i - 1]) == LowerAscii(b[j - 1]) ? 0 : 1);
			current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
		}
		std::swap(previous, current);
	}
	return previous[b.size()];
}

} // namespace

const ScalarFunction *FindScalarFunction(std::string_view name) {
	for (auto family : Families()) {
		for (const auto &function : family) {
			if (EqualsIgnoringCase(function.name, name)) {
				return &function;
			}
		}
	}
	return nullptr;
}

std::string_view SuggestScalarFunction(std::string_view name) {
	// A third of the name's length, at least 1, tells a typo from a different word.
	std::size_t best_distance = std::max<std::size_t>(1, name.size() / 3) + 1;
	std::string_view best;
	for (auto family : Families()) {
		for (const auto &function : family) {
			std::size_t distance = EditDistance(name, function.name);
			if (distance < best_distance) {
				best_distance = distance;
				best = function.name;
			}
		}
	}
	return best;
}

} // namespace sumoql
