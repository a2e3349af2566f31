#include "testing/junit_report.hpp"

#include "testing/control_characters.hpp"
#include "testing/test_file_loader.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <libxml/xmlwriter.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>

namespace sumoql {

namespace {

struct Counts {
	std::size_t tests = 0;
	std::size_t failures = 0;
	std::size_t errors = 0;
	double seconds = 0;
};

Counts CountFile(const FileResult &file) {
	Counts counts;
	counts.seconds = file.seconds;
	if (!file.load_error.empty()) {
		counts.tests = 1;
		counts.errors = 1;
		return counts;
	}
	counts.tests = file.cases.size();
	for (const auto &test_case : file.cases) {
		counts.failures += test_case.failures.empty() ? 0 : 1;
	}
	return counts;
}

//! Discards libxml2's messages, which name no file and no reason, so the writer's callers report
//! the failure themselves.
void IgnoreXmlError(void *, const char *, ...) {
}

//! Wraps libxml2's writer, writing into memory, so that a failed call ends the report with an
//! exception. Control characters in values become visible escapes, because XML 1.0 forbids them.
class XmlWriter {
public:
	explicit XmlWriter(const std::filesystem::path &path)
	    : path_(path), buffer_(xmlBufferCreate(), xmlBufferFree), writer_(nullptr, xmlFreeTextWriter) {
		Check(buffer_ != nullptr);
		writer_.reset(xmlNewTextWriterMemory(buffer_.get(), 0));
		Check(writer_ != nullptr);
		Check(xmlTextWriterSetIndent(writer_.get(), 1) >= 0);
		Check(xmlTextWriterStartDocument(writer_.get(), nullptr, "UTF-8", nullptr) >= 0);
	}

	void Start(const char *element) {
		Check(xmlTextWriterStartElement(writer_.get(), Name(element)) >= 0);
	}

	void Attribute(const char *name, const std::string &value) {
		std::string escaped = EscapeControlCharacters(value);
		Check(xmlTextWriterWriteAttribute(writer_.get(), Name(name), Name(escaped.c_str())) >= 0);
	}

	//! Writes `text` as element content. Its line feeds are kept, because XML allows them.
	void Text(const std::string &text) {
		std::string escaped;
		std::size_t start = 0;
		while (start < text.size()) {
			std::size_t end = std::min(text.find('\n', start), text.size());
			escaped += EscapeControlCharacters(std::string_view(text).substr(start, end - start));
			escaped += end < text.size() ? "\n" : "";
			start = end + 1;
		}
		Check(xmlTextWriterWriteString(writer_.get(), Name(escaped.c_str())) >= 0);
	}

	void End() {
		Check(xmlTextWriterEndElement(writer_.get()) >= 0);
	}

	//! Ends the document and writes it to the report's path.
	void Finish() {
		Check(xmlTextWriterEndDocument(writer_.get()) >= 0);
		writer_.reset();

		std::ofstream file(path_, std::ios::binary | std::ios::trunc);
		if (file) {
			file.write(reinterpret_cast<const char *>(xmlBufferContent(buffer_.get())), xmlBufferLength(buffer_.get()));
			file.close();
		}
		if (!file) {
			throw TestFileError(
			    fmt::format("{}: cannot write the JUnit report: {}", path_.string(), std::strerror(errno)));
		}
	}

private:
	static const xmlChar *Name(const char *text) {
		return reinterpret_cast<const xmlChar *>(text);
	}

	void Check(bool ok) const {
		if (!ok) {
			throw TestFileError(path_.string() +
			                    ": cannot write the JUnit report: libxml2 failed to build the XML, for example "
			                    "because of text that is not valid UTF-8");
		}
	}

	std::filesystem::path path_;
	std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer_;
	std::unique_ptr<xmlTextWriter, decltype(&xmlFreeTextWriter)> writer_;
};

std::string Seconds(double seconds) {
	return fmt::format("{:.3f}", seconds);
}

std::string JoinLines(const std::vector<std::string> &lines) {
	std::string text;
	for (const auto &line : lines) {
		text += line + "\n";
	}
	return text;
}

void WriteCase(XmlWriter &xml, const std::string &suite, const CaseResult &test_case) {
	xml.Start("testcase");
	xml.Attribute("name", test_case.name);
	xml.Attribute("classname", suite);
	xml.Attribute("time", Seconds(test_case.seconds));
	if (!test_case.failures.empty()) {
		xml.Start("failure");
		xml.Attribute("message", test_case.failures.front());
		xml.Attribute("type", "mismatch");
		xml.Text(JoinLines(test_case.failures));
		xml.End();
	}
	xml.End();
}

void WriteSuite(XmlWriter &xml, const FileResult &file, const std::string &timestamp, const std::string &host) {
	Counts counts = CountFile(file);
	std::string suite = file.path.string();
	xml.Start("testsuite");
	xml.Attribute("name", suite);
	xml.Attribute("tests", std::to_string(counts.tests));
	xml.Attribute("failures", std::to_string(counts.failures));
	xml.Attribute("errors", std::to_string(counts.errors));
	xml.Attribute("skipped", "0");
	xml.Attribute("time", Seconds(counts.seconds));
	xml.Attribute("timestamp", timestamp);
	xml.Attribute("hostname", host);

	if (!file.load_error.empty()) {
		xml.Start("testcase");
		xml.Attribute("name", "load test file");
		xml.Attribute("classname", suite);
		xml.Attribute("time", Seconds(0));
		xml.Start("error");
		xml.Attribute("message", file.load_error);
		xml.Attribute("type", "invalid test file");
		xml.Text(file.load_error + "\n");
		xml.End();
		xml.End();
	}
	for (const auto &test_case : file.cases) {
		WriteCase(xml, suite, test_case);
	}
	xml.End();
}

std::string HostName() {
	char name[256] = {};
	if (::gethostname(name, sizeof(name) - 1) != 0) {
		return "localhost";
	}
	return name;
}

} // namespace

void CheckJunitReportPath(const std::filesystem::path &path) {
	// Opening without O_TRUNC keeps an earlier report until the new one is written.
	int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0666);
	if (fd < 0) {
		throw TestFileError(fmt::format("{}: cannot write the JUnit report: {}", path.string(), std::strerror(errno)));
	}
	::close(fd);
}

void WriteJunitReport(const std::vector<FileResult> &results, const std::filesystem::path &path) {
	xmlSetGenericErrorFunc(nullptr, IgnoreXmlError);

	Counts total;
	for (const auto &file : results) {
		Counts counts = CountFile(file);
		total.tests += counts.tests;
		total.failures += counts.failures;
		total.errors += counts.errors;
		total.seconds += counts.seconds;
	}
	// ISO 8601 without a zone, in UTC, as Ant's JUnit task writes it.
	std::string timestamp = fmt::format("{:%Y-%m-%dT%H:%M:%S}", fmt::gmtime(std::time(nullptr)));
	std::string host = HostName();

	XmlWriter xml(path);
	xml.Start("testsuites");
	xml.Attribute("name", "sumoql test");
	xml.Attribute("tests", std::to_string(total.tests));
	xml.Attribute("failures", std::to_string(total.failures));
	xml.Attribute("errors", std::to_string(total.errors));
	xml.Attribute("time", Seconds(total.seconds));
	for (const auto &file : results) {
		WriteSuite(xml, file, timestamp, host);
	}
	xml.End();
	xml.Finish();
}

} // namespace sumoql
