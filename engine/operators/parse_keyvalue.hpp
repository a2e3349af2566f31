#pragma once

#include "engine/operators/parse_common.hpp"
#include "engine/operators/physical_operator.hpp"

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

namespace sumoql {

//! True for the characters of a key name in inference mode: letters, digits, `_`, `.` and `-`.
bool IsKeyCharacter(char c);

//! Returns the position after the spaces and tabs at `position`.
std::size_t SkipSpaces(std::string_view text, std::size_t position);

//! Reads the inference-mode value after a separator, from `start` on: optional spaces, then the
//! text inside a pair of double or single quotes, or the text up to the next white space, `,`,
//! `;`, `&`, `)`, `]` or `}`. Returns the position after the value.
std::size_t ReadInferredValue(std::string_view text, std::size_t start, std::string_view &value);

//! `keyvalue "user", "ip" as u, i [nodrop]` (also `kv`): stores the value next to each key.
//!
//! Inference mode finds the first occurrence of the key as a whole name that is followed by
//! optional spaces, one of `=`, `:` or `->`, and optional spaces. The value is the quoted text after it, or
//! the text up to the next space, `,`, `;`, `&`, `)`, `]` or `}`.
//!
//! With a regex of two groups, the key is the first group of a match and the value the second,
//! and a key takes the value of its first match. With a regex of one group, the key is found
//! first and the value is the group of the first match at or after the key's end.
//!
//! A row matches when every key is found. A key that is not found leaves its field as it was, and
//! a row that does not match is dropped unless the parse rules keep it.
class KeyValueOperator : public PhysicalOperator {
public:
	struct Target {
		std::string key;
		idx_t slot = 0;
	};

	//! `regex` is null for inference mode, and otherwise has one or two capturing groups.
	KeyValueOperator(ParseSettings settings, std::unique_ptr<RE2> regex, std::vector<Target> targets);

	void Execute(DataChunk &chunk) override;

	//! The field name for a key without `as`: every character but letters, digits and `_` becomes `_`.
	static std::string DefaultFieldName(std::string_view key);

private:
	bool InferValue(std::string_view text, std::string_view key, std::string_view &value) const;
	bool RegexValue(std::string_view text, std::string_view key, std::string_view &value) const;

	ParseSettings settings_;
	std::unique_ptr<RE2> regex_;
	std::vector<Target> targets_;
	std::vector<std::uint8_t> matched_;
};

} // namespace sumoql
