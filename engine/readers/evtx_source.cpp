#include "engine/readers/evtx_source.hpp"

#include "engine/readers/input_error.hpp"

#include <fmt/format.h>
#include <libevtx.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace sumoql {

namespace {

constexpr std::size_t kBlockSize = 1 << 20;

//! Returns libevtx's message for `error` and frees it.
std::string TakeErrorMessage(libevtx_error_t *error) {
	if (!error) {
		return "unknown libevtx error";
	}
	char text[512] = {};
	libevtx_error_sprint(error, text, sizeof(text));
	libevtx_error_free(&error);
	return text;
}

bool IsEmptyText(std::string_view text) {
	bool only_space = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
	return text.empty() || (only_space && text.find('\n') != std::string_view::npos);
}

std::string_view LocalName(std::string_view name) {
	auto colon = name.find(':');
	return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

nlohmann::ordered_json ElementToJson(const pugi::xml_node &element);

//! The key a child element gets in its parent's object.
std::string ChildKey(const pugi::xml_node &child) {
	std::string_view name = LocalName(child.name());
	pugi::xml_attribute data_name = child.attribute("Name");
	if (name == "Data" && data_name) {
		return data_name.value();
	}
	return std::string(name);
}

nlohmann::ordered_json ElementToJson(const pugi::xml_node &element) {
	nlohmann::ordered_json object = nlohmann::ordered_json::object();
	for (const auto &attribute : element.attributes()) {
		std::string_view name = attribute.name();
		if (name == "xmlns" || name.starts_with("xmlns:")) {
			continue;
		}
		object[std::string(LocalName(name))] = attribute.value();
	}

	bool has_children = false;
	std::string text;
	for (const auto &child : element.children()) {
		if (child.type() == pugi::node_element) {
			has_children = true;
		} else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
			text += child.value();
		}
	}

	if (has_children) {
		for (const auto &child : element.children()) {
			if (child.type() != pugi::node_element) {
				continue;
			}
			std::string key = ChildKey(child);
			nlohmann::ordered_json value = ElementToJson(child);
			if (!object.contains(key)) {
				object[key] = std::move(value);
				continue;
			}
			// A repeated child makes a list of all its values.
			if (!object[key].is_array()) {
				object[key] = nlohmann::ordered_json::array({std::move(object[key])});
			}
			object[key].push_back(std::move(value));
		}
		return object;
	}

	// A `Data` element's Name attribute became its key, so it is not an attribute of the value.
	if (LocalName(element.name()) == "Data" && element.attribute("Name")) {
		object.erase("Name");
	}
	bool has_text = !IsEmptyText(text);
	if (object.empty()) {
		return has_text ? nlohmann::ordered_json(text) : nlohmann::ordered_json(nullptr);
	}
	if (has_text) {
		object["#text"] = text;
	}
	return object;
}

} // namespace

bool IsEvtxFile(const std::string &path) {
	if (path == "-") {
		return false;
	}
	std::ifstream file(path, std::ios::binary);
	char signature[8] = {};
	file.read(signature, sizeof(signature));
	return file.gcount() == sizeof(signature) && std::memcmp(signature, "ElfFile\0", sizeof(signature)) == 0;
}

EvtxSource::EvtxSource(const std::string &path, InputStats &stats, BadInputHandler on_bad_record)
    : path_(path), stats_(stats), on_bad_record_(std::move(on_bad_record)) {
	libevtx_error_t *error = nullptr;
	libevtx_file_t *file = nullptr;
	if (libevtx_file_initialize(&file, &error) != 1) {
		throw InputError(path + ": cannot read the event log: " + TakeErrorMessage(error));
	}
	file_ = file;
	if (libevtx_file_open(file, path.c_str(), LIBEVTX_OPEN_READ, &error) != 1 ||
	    libevtx_file_get_number_of_records(file, &record_count_, &error) != 1) {
		std::string message = TakeErrorMessage(error);
		libevtx_file_free(&file, nullptr);
		file_ = nullptr;
		throw InputError(path + ": cannot open the event log: " + message);
	}

	corrupted_ = libevtx_file_is_corrupted(file, nullptr) == 1;
	if (corrupted_ && libevtx_file_get_number_of_recovered_records(file, &recovered_count_, &error) != 1) {
		libevtx_error_free(&error);
		recovered_count_ = 0;
	}

	std::error_code size_error;
	file_size_ = std::filesystem::file_size(path, size_error);
}

EvtxSource::~EvtxSource() {
	if (file_) {
		libevtx_file_close(file_, nullptr);
		libevtx_file_free(&file_, nullptr);
	}
}

void EvtxSource::ReportBadRecord(const std::string &location, const std::string &message, std::uint64_t count) {
	stats_.bad_records += count;
	if (on_bad_record_) {
		on_bad_record_(location, message);
	}
}

void EvtxSource::AppendRecord(int index, std::string &lines) {
	bool recovered = index >= record_count_;
	std::string location = recovered ? fmt::format("{}: recovered record {}", path_, index - record_count_ + 1)
	                                 : fmt::format("{}: record {}", path_, index + 1);

	libevtx_error_t *error = nullptr;
	libevtx_record_t *record = nullptr;
	int status = recovered ? libevtx_file_get_recovered_record_by_index(file_, index - record_count_, &record, &error)
	                       : libevtx_file_get_record_by_index(file_, index, &record, &error);
	// In a corrupted file, the record numbers missing at the end count the unreadable records.
	std::uint64_t count = corrupted_ ? 0 : 1;
	if (status != 1) {
		unreadable_records_++;
		ReportBadRecord(location, "cannot read the record: " + TakeErrorMessage(error), count);
		return;
	}

	std::uint64_t identifier = 0;
	bool has_identifier = libevtx_record_get_identifier(record, &identifier, nullptr) == 1;
	// A recovered record may be an older copy of one already read from an intact chunk.
	bool duplicate = recovered && has_identifier && identifiers_.contains(identifier);
	if (corrupted_ && has_identifier) {
		identifiers_.insert(identifier);
	}

	std::string line;
	std::string failure;
	if (!duplicate) {
		try {
			line = RecordAsJsonLine(record);
		} catch (const InputError &read_error) {
			failure = read_error.what();
		}
	}
	libevtx_record_free(&record, nullptr);

	if (!failure.empty()) {
		unreadable_records_ += has_identifier ? 0 : 1;
		ReportBadRecord(location, failure, has_identifier ? 1 : count);
	} else if (!duplicate) {
		lines += line;
		lines += '\n';
	}
}

void EvtxSource::ReportMissingRecords() {
	if (!corrupted_) {
		return;
	}
	std::uint64_t missing = 0;
	std::uint64_t expected = identifiers_.empty() ? 0 : *identifiers_.begin();
	for (std::uint64_t identifier : identifiers_) {
		if (identifier > expected) {
			std::uint64_t last = identifier - 1;
			std::string range = last == expected ? fmt::format("record {} is", expected)
			                                      : fmt::format("records {} to {} are", expected, last);
			ReportBadRecord(path_, fmt::format("the event log is corrupted and {} missing", range), last - expected + 1);
			missing += last - expected + 1;
		}
		expected = identifier + 1;
	}

	// Records lost before the first or after the last one read leave no gap to count.
	if (missing == 0 || missing < unreadable_records_) {
		std::uint64_t lost = std::max<std::uint64_t>(1, unreadable_records_ - std::min(missing, unreadable_records_));
		ReportBadRecord(path_, "the event log is corrupted and an unknown number of records could not be read", lost);
	}
}

std::string EvtxSource::RecordAsJsonLine(void *record) {
	libevtx_error_t *error = nullptr;
	std::size_t size = 0;
	std::vector<std::uint8_t> xml;
	auto *evtx_record = static_cast<libevtx_record_t *>(record);
	bool ok = libevtx_record_get_utf8_xml_string_size(evtx_record, &size, &error) == 1;
	if (ok) {
		xml.resize(size);
		ok = libevtx_record_get_utf8_xml_string(evtx_record, xml.data(), size, &error) == 1;
	}
	if (!ok) {
		throw InputError("cannot render the record as XML: " + TakeErrorMessage(error));
	}

	// The size counts the closing NUL.
	std::string_view text(reinterpret_cast<const char *>(xml.data()), size > 0 ? size - 1 : 0);
	while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
		text.remove_suffix(1);
	}

	pugi::xml_document document;
	auto parsed = document.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
	                                   pugi::encoding_utf8);
	nlohmann::ordered_json event = nlohmann::ordered_json::object();
	if (parsed) {
		pugi::xml_node root = document.document_element();
		event[std::string(LocalName(root.name()))] = ElementToJson(root);
	}
	// NOTE: a record whose XML pugixml rejects keeps only `_raw`, with no Event fields.
	event["_raw"] = std::string(text);
	return event.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

bool EvtxSource::ReadBlock(InputBlock &block) {
	int total = record_count_ + recovered_count_;
	if (next_record_ >= total) {
		if (next_record_ == total) {
			next_record_++;
			ReportMissingRecords();
		}
		return false;
	}
	std::string lines;
	std::uint64_t first_line = static_cast<std::uint64_t>(next_record_) + 1;
	while (next_record_ < total && lines.size() < kBlockSize) {
		AppendRecord(next_record_++, lines);
	}

	block.CopyFrom(lines.data(), lines.size());
	block.first_line = first_line;
	return true;
}

std::uint64_t EvtxSource::bytes_read() const {
	int total = record_count_ + recovered_count_;
	if (total == 0 || next_record_ >= total) {
		return file_size_;
	}
	return file_size_ * static_cast<std::uint64_t>(next_record_) / static_cast<std::uint64_t>(total);
}

} // namespace sumoql
