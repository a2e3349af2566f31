#include "engine/operators/split.hpp"

#include "engine/operators/parse_common.hpp"

#include <algorithm>

namespace sumoql {

SplitOperator::SplitOperator(idx_t input_slot, char delimiter, char quote, char escape, std::vector<Column> columns)
    : input_slot_(input_slot), delimiter_(delimiter), quote_(quote), escape_(escape), columns_(std::move(columns)) {
	for (const auto &column : columns_) {
		values_needed_ = std::max(values_needed_, column.index + 1);
	}
}

void SplitOperator::SplitText(std::string_view text) {
	values_.clear();
	values_.emplace_back();
	bool in_quotes = false;
	for (std::size_t i = 0; i < text.size(); i++) {
		char c = text[i];
		if (c == escape_ && i + 1 < text.size()) {
			values_.back() += text[++i];
		} else if (c == quote_ && in_quotes && i + 1 < text.size() && text[i + 1] == quote_) {
			values_.back() += quote_;
			i++;
		} else if (c == quote_) {
			in_quotes = !in_quotes;
		} else if (c == delimiter_ && !in_quotes) {
			// Values after the last requested column are never read.
			if (values_.size() == values_needed_) {
				return;
			}
			values_.emplace_back();
		} else {
			values_.back() += c;
		}
	}
}

void SplitOperator::Execute(DataChunk &chunk) {
	for (const auto &column : columns_) {
		PrepareStringSlot(chunk, column.slot);
	}

	for (idx_t i = 0; i < chunk.count; i++) {
		sel_t row = chunk.selection.Get(i);
		std::string_view text;
		if (ReadParseInput(chunk, input_slot_, row, text)) {
			SplitText(text);
		} else {
			values_.clear();
		}

		for (const auto &column : columns_) {
			Vector &vector = chunk.columns[column.slot];
			if (column.index >= values_.size()) {
				vector.validity().SetInvalid(row);
				continue;
			}
			vector.strings()[row] = chunk.heap.AddString(values_[column.index]);
			vector.validity().SetValid(row);
		}
	}
}

} // namespace sumoql
