#include "engine/functions/scalar_function.hpp"

#include "engine/types/ascii.hpp"
#include "engine/types/edit_distance.hpp"

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
	// An edit distance of up to a third of the name's length, at least 1, counts as a typo rather
	// than a different word.
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
