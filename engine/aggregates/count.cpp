#include "engine/aggregates/aggregate_function.hpp"

namespace sumoql {

namespace {

class CountFunction : public AggregateFunction {
public:
	explicit CountFunction(std::optional<idx_t> slot) : slot_(slot) {
	}

	void Resize(idx_t group_count) override {
		counts_.resize(group_count, 0);
	}

	void Update(const DataChunk &chunk, const idx_t *groups) override {
		if (!slot_) {
			for (idx_t i = 0; i < chunk.count; i++) {
				counts_[groups[i]]++;
			}
			return;
		}

		const Vector &input = chunk.columns[*slot_];
		if (input.type() == LogicalType::kNull) {
			return;
		}
		for (idx_t i = 0; i < chunk.count; i++) {
			if (input.validity().RowIsValid(chunk.selection.Get(i))) {
				counts_[groups[i]]++;
			}
		}
	}

	Value Finalize(idx_t group, idx_t) override {
		Value value;
		value.type = LogicalType::kNumber;
		value.number = static_cast<double>(counts_[group]);
		return value;
	}

private:
	std::optional<idx_t> slot_;
	std::vector<std::uint64_t> counts_;
};

} // namespace

AggregateFunctionPtr MakeCount(std::optional<idx_t> slot) {
	return std::make_unique<CountFunction>(slot);
}

} // namespace sumoql
