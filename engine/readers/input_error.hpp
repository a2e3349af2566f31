#pragma once

#include <stdexcept>
#include <string>

namespace sumoql {

//! An input that cannot be read at all (a missing file), or a bad event under
//! `--fail-on-bad-input`. Ends the run with the input-error exit code.
class InputError : public std::runtime_error {
public:
	explicit InputError(const std::string &message) : std::runtime_error(message) {
	}
};

} // namespace sumoql
