#pragma once

#include "engine/types/data_chunk.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sumoql {

//! One key and value that `json auto` or `keyvalue auto` found in a row. A JSON null has no value.
struct AutoField {
	std::string name;
	std::optional<std::string_view> value;
};

//! The keys that `keys "k1", "k2" [as f1, f2] [refonly]` lists for an auto extraction.
struct AutoKeyList {
	//! Each listed key and the field it is stored in.
	std::vector<std::pair<std::string, std::string>> renames;
	//! Only the listed keys are extracted.
	bool refonly = false;
	bool case_sensitive = false;

	//! Returns the field name of key `key`: its listed name, or `default_name` when it is not
	//! listed, or nullopt when `refonly` leaves it out.
	std::optional<std::string> FieldName(std::string_view key, std::string_view default_name) const;
};

//! The destination of the fields of an auto extraction. Which keys a row contains is known only
//! at run time, so the fields are stored twice. Each field that a later stage names gets a slot
//! of its own, which the planner sets through AddTarget. Every field shown in the output also
//! goes into one JSON object text in the stage's auto-field slot, and the result row expands
//! that object into its keys.
class AutoFieldSink {
public:
	//! `auto_slot` is the hidden slot of the JSON object text. It is unset with `refonly`, which shows
	//! only the target fields.
	AutoFieldSink(std::optional<idx_t> auto_slot, idx_t max_shown_fields)
	    : auto_slot_(auto_slot), max_shown_fields_(max_shown_fields) {
	}

	//! Stores the value of every field called `name`, in any letter case, into `slot`.
	void AddTarget(std::string_view name, idx_t slot);

	//! Prepares the slots of `chunk` before the first Store.
	void Prepare(DataChunk &chunk) const;

	//! Stores the fields of `row` in document order. For a name found twice, in any letter case,
	//! the last value wins. Targets are always set, but only the first `max_shown_fields` distinct
	//! names are shown.
	void Store(DataChunk &chunk, sel_t row, const std::vector<AutoField> &fields);

private:
	std::optional<idx_t> auto_slot_;
	idx_t max_shown_fields_;
	//! Case-folded field name to slot.
	std::unordered_map<std::string, idx_t> targets_;
	//! Scratch for Store: the position in the row's shown fields of each folded name.
	std::unordered_map<std::string, std::size_t> shown_index_;
	std::string object_text_;
};

} // namespace sumoql
