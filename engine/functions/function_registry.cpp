#include "engine/functions/scalar_function.hpp"

#include "engine/execution/schema.hpp"

#include <array>

namespace sumoql {

const ScalarFunction *FindScalarFunction(std::string_view name) {
	const std::array families = {NullTestFunctions(), CastFunctions(), ContainsFunctions(), IsNumericFunctions(),
	                             CaseConversionFunctions(), DateTimeFunctions()};
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
