#pragma once

#include "engine/lookup/lookup_table.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sumoql {

//! The lookup tables a run may use, by the path a query names them with, such as
//! `/Library/Users/x/table` in `path://"/Library/Users/x/table"`. Each maps to a CSV file, which
//! is read on first use and shared by every plan of the run.
class LookupCatalog {
public:
	//! Maps `table_path` to the CSV file `file`, replacing an earlier mapping.
	void Map(std::string table_path, std::string file);

	//! Returns the table mapped to `table_path`, reading its file on first use, or nullptr when
	//! no file is mapped to it. Throws InputError when the file cannot be read.
	std::shared_ptr<const LookupTable> Find(std::string_view table_path);

	//! The mapped table paths, sorted, for messages.
	std::vector<std::string> table_paths() const;

private:
	struct Entry {
		std::string file;
		std::shared_ptr<const LookupTable> table;
	};

	std::map<std::string, Entry, std::less<>> entries_;
	std::mutex mutex_;
};

} // namespace sumoql
