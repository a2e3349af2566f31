#pragma once

#include "engine/readers/line_source.hpp"

#include <cstdint>
#include <string>

namespace sumoql {

//! Returns true when `path` names a Windows event log file: it starts with the EVTX signature
//! `ElfFile\0`. Standard input ("-") is never taken for one.
bool IsEvtxFile(const std::string &path);

//! Reads a Windows event log file (`.evtx`) through libevtx and hands out its records as NDJSON
//! blocks, one line per record, so the JSON reader and the worker threads read them as they
//! read any NDJSON input.
//!
//! A record becomes `{"Event": {...}, "_raw": "<Event ...>"}`, where `_raw` is the record's XML
//! as libevtx renders it. `Event` follows the XML tree, and every value stays a string:
//! - an element with child elements is an object of its attributes plus one key per child,
//!   named by the child's local name, and repeated children make a list;
//! - `<Data Name="X">v</Data>` is the key `X`;
//! - an element with only text is that text, unchanged, and one with only attributes is an
//!   object of them; one with both also gets `#text`;
//! - an empty element is null, and so is whitespace-only text with a line break.
//! The XML namespace declaration is dropped. Like `evtxexport` in its default mode, only
//! allocated records are read, not recovered (deleted) ones.
class EvtxSource {
public:
	//! Opens `path`. Throws InputError when libevtx cannot open it.
	explicit EvtxSource(const std::string &path);
	~EvtxSource();

	EvtxSource(const EvtxSource &) = delete;
	EvtxSource &operator=(const EvtxSource &) = delete;

	//! Moves the next records, about 1 MiB of NDJSON or one longer record, into `block`. Returns
	//! false after the last record. Throws InputError when a record cannot be read.
	bool ReadBlock(InputBlock &block);

	//! Bytes of the file behind the records read so far, estimated from the record share.
	std::uint64_t bytes_read() const;

private:
	std::string RecordAsJsonLine(int index);

	std::string path_;
	//! A libevtx_file_t, which libevtx.h declares as intptr_t.
	std::intptr_t *file_ = nullptr;
	int record_count_ = 0;
	int next_record_ = 0;
	std::uint64_t file_size_ = 0;
};

} // namespace sumoql
