// JSONL and JSON writers. JSONL prints one compact object per line as rows arrive, and JSON
// prints one array, also streamed, so neither keeps rows in memory.

#include "engine/writers/result_writer.hpp"

namespace sumoql {

namespace {

std::string Dump(const nlohmann::ordered_json &row) {
	// Invalid UTF-8 in event text is replaced, not fatal: the rest of the row still prints.
	return row.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

class JsonlWriter : public ResultWriter {
public:
	explicit JsonlWriter(std::ostream &out) : out_(out) {
	}

	void WriteRow(const nlohmann::ordered_json &row) override {
		out_ << Dump(row) << '\n';
	}

private:
	std::ostream &out_;
};

class JsonArrayWriter : public ResultWriter {
public:
	explicit JsonArrayWriter(std::ostream &out) : out_(out) {
	}

	void WriteRow(const nlohmann::ordered_json &row) override {
		out_ << (first_ ? "[\n  " : ",\n  ") << Dump(row);
		first_ = false;
	}

	void Finish() override {
		out_ << (first_ ? "[]\n" : "\n]\n");
	}

private:
	std::ostream &out_;
	bool first_ = true;
};

} // namespace

std::unique_ptr<ResultWriter> MakeJsonlWriter(std::ostream &out) {
	return std::make_unique<JsonlWriter>(out);
}

std::unique_ptr<ResultWriter> MakeJsonArrayWriter(std::ostream &out) {
	return std::make_unique<JsonArrayWriter>(out);
}

} // namespace sumoql
