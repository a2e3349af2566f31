#include "engine/writers/result_writer.hpp"

namespace sumoql {

std::unique_ptr<ResultWriter> MakeJsonlWriter(std::ostream &out);
std::unique_ptr<ResultWriter> MakeJsonArrayWriter(std::ostream &out);
std::unique_ptr<ResultWriter> MakeCsvWriter(std::ostream &out);
std::unique_ptr<ResultWriter> MakeTableWriter(std::ostream &out);

std::unique_ptr<ResultWriter> MakeResultWriter(OutputFormat format, std::ostream &out) {
	switch (format) {
	case OutputFormat::kJsonl:
		return MakeJsonlWriter(out);
	case OutputFormat::kJson:
		return MakeJsonArrayWriter(out);
	case OutputFormat::kCsv:
		return MakeCsvWriter(out);
	case OutputFormat::kTable:
		return MakeTableWriter(out);
	}
	return MakeJsonlWriter(out);
}

} // namespace sumoql
