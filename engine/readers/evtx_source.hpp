#pragma once

#include "engine/readers/input_stats.hpp"
#include "engine/readers/line_source.hpp"

#include <cstdint>
#include <set>
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
//! allocated records are read from an intact file, not recovered (deleted) ones.
//!
//! A record that libevtx cannot read goes to `on_bad_record` as `PATH: record N` and counts in
//! `stats.bad_records`. When libevtx marks the file corrupted, the records it recovered from the
//! damaged chunks are read after the allocated ones (those whose record number, the identifier in
//! the record header, was already read are skipped). Then each run of record numbers still missing
//! between the lowest and highest read is reported and counted, and it includes the unreadable
//! records. A corrupted file with no such gap, such as one cut short inside its only chunk, is
//! reported and counted as one bad record, since the number lost is unknown.
class EvtxSource {
public:
	//! Opens `path`. Throws InputError when libevtx cannot open it. `stats` must outlive the source.
	EvtxSource(const std::string &path, InputStats &stats, BadInputHandler on_bad_record);
	~EvtxSource();

	EvtxSource(const EvtxSource &) = delete;
	EvtxSource &operator=(const EvtxSource &) = delete;

	//! Moves the next records, about 1 MiB of NDJSON or one longer record, into `block`. Returns
	//! false after the last record. Throws InputError when a record cannot be read.
	bool ReadBlock(InputBlock &block);

	//! Bytes of the file behind the records read so far, estimated from the record share.
	std::uint64_t bytes_read() const;

private:
	//! Appends record `index` (allocated, or recovered when `index` is past the allocated ones)
	//! as one NDJSON line, or reports it as a bad record.
	void AppendRecord(int index, std::string &lines);
	std::string RecordAsJsonLine(void *record);
	//! Sends one message and adds `count` to the bad records.
	void ReportBadRecord(const std::string &location, const std::string &message, std::uint64_t count = 1);
	void ReportMissingRecords();

	std::string path_;
	InputStats &stats_;
	BadInputHandler on_bad_record_;
	//! A libevtx_file_t, which libevtx.h declares as intptr_t.
	std::intptr_t *file_ = nullptr;
	bool corrupted_ = false;
	int record_count_ = 0;
	//! Recovered records, read only from a corrupted file.
	int recovered_count_ = 0;
	int next_record_ = 0;
	//! EventRecordIDs read so far, kept only for a corrupted file.
	std::set<std::uint64_t> identifiers_;
	//! Records of a corrupted file that libevtx could not read, whose numbers are unknown.
	std::uint64_t unreadable_records_ = 0;
	std::uint64_t file_size_ = 0;
};

} // namespace sumoql
