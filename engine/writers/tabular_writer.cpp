// CSV and table writers. Both need every column name before the first line, and rows of
// different events may have different keys, so they hold the rows until Finish.
// NOTE: holding rows makes memory grow with the result size; JSONL and JSON stream instead.

#include "engine/writers/result_writer.hpp"

#include "engine/types/ascii.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/chrono.h>
#include <vector>

namespace sumoql {

namespace {

std::vector<std::string> ColumnNames(const std::vector<nlohmann::ordered_json> &rows) {
	std::vector<std::string> names;
	for (const auto &row : rows) {
		for (const auto &[key, value] : row.items()) {
			if (std::find(names.begin(), names.end(), key) == names.end()) {
				names.push_back(key);
			}
		}
	}
	return names;
}

std::string Cell(const nlohmann::ordered_json &row, const std::string &name) {
	auto found = row.find(name);
	return found == row.end() ? std::string() : CellText(*found);
}

//! Quotes a CSV field that contains a comma, quote or line break (RFC 4180).
std::string CsvField(const std::string &text) {
	if (text.find_first_of(",\"\r\n") == std::string::npos) {
		return text;
	}
	std::string quoted = "\"";
	for (char c : text) {
		quoted += c;
		if (c == '"') {
			quoted += '"';
		}
	}
	return quoted + "\"";
}

class CsvWriter : public ResultWriter {
public:
	explicit CsvWriter(std::ostream &out) : out_(out) {
	}

	void WriteRow(const nlohmann::ordered_json &row) override {
		rows_.push_back(row);
	}

	void DeclareColumns(std::vector<std::string> names) override {
		declared_columns_ = std::move(names);
	}

	void Finish() override {
		auto names = rows_.empty() ? declared_columns_ : ColumnNames(rows_);
		WriteLine(names);
		for (const auto &row : rows_) {
			std::vector<std::string> cells;
			for (const auto &name : names) {
				cells.push_back(Cell(row, name));
			}
			WriteLine(cells);
		}
	}

private:
	void WriteLine(const std::vector<std::string> &cells) {
		for (std::size_t i = 0; i < cells.size(); i++) {
			out_ << (i ? "," : "") << CsvField(cells[i]);
		}
		out_ << "\r\n";
	}

	std::ostream &out_;
	std::vector<nlohmann::ordered_json> rows_;
	std::vector<std::string> declared_columns_;
};

//! Columns aligned with spaces, for reading in a terminal. Line breaks and tabs inside a cell
//! print as spaces, and cells wider than kMaxCellWidth characters are cut with "...". The time
//! fields `_messageTime`, `_timeslice` and `__timeslice_end` show as UTC dates and times.
//! Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS.mmm` in UTC, as people read times.
std::string FormatEpochMilliseconds(std::int64_t milliseconds) {
	auto time = std::chrono::sys_time<std::chrono::milliseconds> {std::chrono::milliseconds {milliseconds}};
	auto seconds = std::chrono::floor<std::chrono::seconds>(time);
	auto fraction = (time - seconds).count();
	return fmt::format("{:%Y-%m-%d %H:%M:%S}.{:03}", seconds, fraction);
}

class TableWriter : public ResultWriter {
public:
	explicit TableWriter(std::ostream &out) : out_(out) {
	}

	void WriteRow(const nlohmann::ordered_json &row) override {
		rows_.push_back(row);
	}

	void Finish() override {
		if (rows_.empty()) {
			out_ << "(no rows)\n";
			return;
		}

		auto names = ColumnNames(rows_);
		std::vector<std::vector<std::string>> cells;
		std::vector<std::size_t> widths;
		for (const auto &name : names) {
			widths.push_back(DisplayWidth(name));
		}
		for (const auto &row : rows_) {
			auto &line = cells.emplace_back();
			for (std::size_t c = 0; c < names.size(); c++) {
				line.push_back(Shorten(TableCell(row, names[c])));
				widths[c] = std::max(widths[c], DisplayWidth(line.back()));
			}
		}

		WriteLine(names, widths);
		std::vector<std::string> rule;
		for (auto width : widths) {
			rule.push_back(std::string(width, '-'));
		}
		WriteLine(rule, widths);
		for (const auto &line : cells) {
			WriteLine(line, widths);
		}
	}

private:
	static constexpr std::size_t kMaxCellWidth = 60;

	//! True for the built-in fields that hold epoch milliseconds.
	static bool IsTimeField(std::string_view name) {
		return EqualsIgnoringCase(name, "_messageTime") || EqualsIgnoringCase(name, "_timeslice") ||
		       EqualsIgnoringCase(name, "__timeslice_end");
	}

	//! The cell text, with time fields shown as UTC dates and times in place of epoch ms.
	static std::string TableCell(const nlohmann::ordered_json &row, const std::string &name) {
		auto found = row.find(name);
		if (IsTimeField(name) && found != row.end() && found->is_number_integer()) {
			return FormatEpochMilliseconds(found->get<std::int64_t>());
		}
		return Cell(row, name);
	}

	//! Counts UTF-8 code points, which is the column count for most text a log holds.
	//! NOTE: wide characters such as CJK ideographs take two columns and misalign their row.
	static std::size_t DisplayWidth(std::string_view text) {
		return static_cast<std::size_t>(
		    std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
	}

	//! Makes `text` safe and short for a terminal: line breaks and tabs become spaces, other
	//! control characters become '?', so event data cannot send escape sequences, and text
	//! wider than kMaxCellWidth is cut at a code point boundary and ends with "...".
	static std::string Shorten(std::string text) {
		for (char &c : text) {
			unsigned char byte = static_cast<unsigned char>(c);
			if (c == '\n' || c == '\r' || c == '\t') {
				c = ' ';
			} else if (byte < 0x20 || byte == 0x7F) {
				c = '?';
			}
		}
		if (DisplayWidth(text) <= kMaxCellWidth) {
			return text;
		}

		std::size_t kept = 0;
		std::size_t end = 0;
		while (end < text.size() && kept < kMaxCellWidth - 3) {
			end++;
			while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
				end++;
			}
			kept++;
		}
		return text.substr(0, end) + "...";
	}

	void WriteLine(const std::vector<std::string> &cells, const std::vector<std::size_t> &widths) const {
		std::string line;
		for (std::size_t c = 0; c < cells.size(); c++) {
			line += cells[c];
			if (c + 1 < cells.size()) {
				line += std::string(widths[c] - DisplayWidth(cells[c]) + 2, ' ');
			}
		}
		out_ << line << '\n';
	}

	std::ostream &out_;
	std::vector<nlohmann::ordered_json> rows_;
};

} // namespace

std::unique_ptr<ResultWriter> MakeCsvWriter(std::ostream &out) {
	return std::make_unique<CsvWriter>(out);
}

std::unique_ptr<ResultWriter> MakeTableWriter(std::ostream &out) {
	return std::make_unique<TableWriter>(out);
}

} // namespace sumoql
