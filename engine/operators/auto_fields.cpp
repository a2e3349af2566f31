#include "engine/operators/auto_fields.hpp"

#include "engine/operators/parse_common.hpp"
#include "engine/types/ascii.hpp"

#include <nlohmann/json.hpp>

namespace sumoql {

std::optional<std::string> AutoKeyList::FieldName(std::string_view key, std::string_view default_name) const {
	for (const auto &[listed, field] : renames) {
		if (case_sensitive ? listed == key : EqualsIgnoringCase(listed, key)) {
			return field;
		}
	}
	if (refonly) {
		return std::nullopt;
	}
	return std::string(default_name);
}

void AutoFieldSink::AddTarget(std::string_view name, idx_t slot) {
	targets_.emplace(FoldCase(name), slot);
}

void AutoFieldSink::Prepare(DataChunk &chunk) const {
	for (const auto &[name, slot] : targets_) {
		PrepareStringSlot(chunk, slot);
	}
	if (auto_slot_) {
		PrepareStringSlot(chunk, *auto_slot_);
	}
}

void AutoFieldSink::Store(DataChunk &chunk, sel_t row, const std::vector<AutoField> &fields) {
	shown_index_.clear();
	std::vector<const AutoField *> shown_fields;

	for (const auto &field : fields) {
		std::string folded = FoldCase(field.name);
		auto target = targets_.find(folded);
		if (target != targets_.end()) {
			Vector &column = chunk.columns[target->second];
			if (field.value) {
				column.strings()[row] = chunk.heap.AddString(*field.value);
				column.validity().SetValid(row);
			} else {
				column.validity().SetInvalid(row);
			}
		}

		// A repeated name keeps the place of its first occurrence and takes the last value.
		auto [entry, inserted] = shown_index_.emplace(std::move(folded), shown_fields.size());
		if (!inserted) {
			shown_fields[entry->second] = &field;
		} else if (shown_fields.size() < max_shown_fields_) {
			shown_fields.push_back(&field);
		} else {
			shown_index_.erase(entry);
		}
	}

	if (!auto_slot_) {
		return;
	}
	nlohmann::ordered_json object = nlohmann::ordered_json::object();
	for (const AutoField *field : shown_fields) {
		if (field->value) {
			object[field->name] = std::string(*field->value);
		} else {
			object[field->name] = nullptr;
		}
	}
	object_text_ = object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);

	Vector &column = chunk.columns[*auto_slot_];
	column.strings()[row] = chunk.heap.AddString(object_text_);
	column.validity().SetValid(row);
}

} // namespace sumoql
