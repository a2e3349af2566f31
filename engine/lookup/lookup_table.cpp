#include "engine/lookup/lookup_table.hpp"

#include "engine/readers/input_error.hpp"
#include "engine/types/ascii.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace sumoql {

//! Receives libcsv's callbacks: one per field, and one at the end of each record.
struct CsvRowCollector {
	LookupTable &table;
	const std::string &file;
	std::vector<std::string> record;
	std::uint64_t line = 0;
	bool has_header = false;

	void AddField(std::string_view text) {
		record.emplace_back(text);
	}

	void EndRecord() {
		line++;
		if (!has_header) {
			SetHeader();
			return;
		}
		if (record.size() != table.columns_.size()) {
			throw InputError(fmt::format("{}: record {} has {} fields, but the header names {} columns", file, line,
			                             record.size(), table.columns_.size()));
		}
		table.rows_.push_back(std::move(record));
		record.clear();
	}

	void SetHeader() {
		for (auto &name : record) {
			name = std::string(TrimAsciiSpace(name));
			if (table.FindColumn(name)) {
				throw InputError(fmt::format("{}: the header names the column '{}' twice", file, name));
			}
			table.columns_.push_back(name);
		}
		record.clear();
		has_header = true;
	}
};

namespace {

void OnField(void *field, std::size_t length, void *data) {
	static_cast<CsvRowCollector *>(data)->AddField({static_cast<const char *>(field), length});
}

void OnRecordEnd(int, void *data) {
	static_cast<CsvRowCollector *>(data)->EndRecord();
}

//! Owns a libcsv parser, so it is freed on every path, the error paths included.
class CsvParser {
public:
	CsvParser() {
		// Strict mode reports a stray quote instead of guessing what the row meant.
		ok_ = csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) == 0;
	}
	~CsvParser() {
		csv_free(&parser_);
	}
	CsvParser(const CsvParser &) = delete;
	CsvParser &operator=(const CsvParser &) = delete;

	bool ok() const {
		return ok_;
	}
	csv_parser *get() {
		return &parser_;
	}

private:
	csv_parser parser_ {};
	bool ok_ = false;
};

} // namespace

std::shared_ptr<const LookupTable> LookupTable::Load(const std::string &file) {
	std::ifstream input(file, std::ios::binary);
	if (!input) {
		// std::ifstream leaves the reason in errno on POSIX systems.
		throw InputError(fmt::format("{}: cannot open the lookup table file: {}", file, std::strerror(errno)));
	}

	auto table = std::make_shared<LookupTable>();
	CsvRowCollector collector {*table, file, {}};
	CsvParser parser;
	if (!parser.ok()) {
		throw InputError(fmt::format("{}: cannot start the CSV parser", file));
	}

	char buffer[64 * 1024];
	while (input.read(buffer, sizeof(buffer)) || input.gcount() > 0) {
		auto size = static_cast<std::size_t>(input.gcount());
		if (csv_parse(parser.get(), buffer, size, OnField, OnRecordEnd, &collector) != size) {
			throw InputError(fmt::format("{}: invalid CSV after record {}: {}", file, collector.line,
			                             csv_strerror(csv_error(parser.get()))));
		}
	}
	if (csv_fini(parser.get(), OnField, OnRecordEnd, &collector) != 0) {
		throw InputError(fmt::format("{}: invalid CSV at the end of the file: {}", file,
		                             csv_strerror(csv_error(parser.get()))));
	}
	if (!collector.has_header) {
		throw InputError(fmt::format("{}: the lookup table file is empty; its first line must name the columns",
		                             file));
	}
	return table;
}

std::optional<idx_t> LookupTable::FindColumn(std::string_view name) const {
	for (idx_t column = 0; column < columns_.size(); column++) {
		if (EqualsIgnoringCase(columns_[column], name)) {
			return column;
		}
	}
	return std::nullopt;
}

std::optional<std::string_view> LookupTable::Cell(idx_t row, idx_t column) const {
	const std::string &cell = rows_[row][column];
	if (cell.empty()) {
		return std::nullopt;
	}
	return cell;
}

std::shared_ptr<const LookupTable> LookupTable::Empty(std::vector<std::string> columns) {
	auto table = std::make_shared<LookupTable>();
	table->columns_ = std::move(columns);
	return table;
}

} // namespace sumoql
