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

EvtxSource::EvtxSource(const std::string &path) : path_(path) {
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
	std::error_code size_error;
	file_size_ = std::filesystem::file_size(path, size_error);
}

EvtxSource::~EvtxSource() {
	if (file_) {
		libevtx_file_close(file_, nullptr);
		libevtx_file_free(&file_, nullptr);
	}
}

std::string EvtxSource::RecordAsJsonLine(int index) {
	libevtx_error_t *error = nullptr;
	libevtx_record_t *record = nullptr;
	std::size_t size = 0;
	std::vector<std::uint8_t> xml;
	bool ok = libevtx_file_get_record_by_index(file_, index, &record, &error) == 1 &&
	          libevtx_record_get_utf8_xml_string_size(record, &size, &error) == 1;
	if (ok) {
		xml.resize(size);
		ok = libevtx_record_get_utf8_xml_string(record, xml.data(), size, &error) == 1;
	}
	if (record) {
		libevtx_record_free(&record, nullptr);
	}
	if (!ok) {
		throw InputError(fmt::format("{}: cannot read event record {}: {}", path_, index + 1, TakeErrorMessage(error)));
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
	if (next_record_ >= record_count_) {
		return false;
	}
	std::string lines;
	std::uint64_t first_line = static_cast<std::uint64_t>(next_record_) + 1;
	while (next_record_ < record_count_ && lines.size() < kBlockSize) {
		lines += RecordAsJsonLine(next_record_++);
		lines += '\n';
	}

	block.data = std::make_unique<char[]>(lines.size() + LineSource::kPadding);
	std::memcpy(block.data.get(), lines.data(), lines.size());
	std::memset(block.data.get() + lines.size(), 0, LineSource::kPadding);
	block.size = lines.size();
	block.first_line = first_line;
	block.line_breaks = static_cast<std::uint64_t>(next_record_) + 1 - first_line;
	return true;
}

std::uint64_t EvtxSource::bytes_read() const {
	if (record_count_ == 0) {
		return file_size_;
	}
	return file_size_ * static_cast<std::uint64_t>(next_record_) / static_cast<std::uint64_t>(record_count_);
}

} // namespace sumoql
