#pragma once

#include "engine/types/constants.hpp"

#include <cstdint>

namespace sumoql {

//! Decides, chunk by chunk, whether a reader leaves a projection's deferred keys unread.
//!
//! Deferring saves reading those keys for the events that the early filters drop, and costs a
//! second parse of every event that reaches the stage that reads them. The second parse costs
//! about as much as the first, and reading the deferred keys costs about a tenth of it, so
//! deferring pays when fewer than about one event in ten reaches that stage. These costs are
//! estimates from profiling Sysmon events, so the policy defers only below one in sixteen. It
//! follows recent chunks, because the share can change along an input.
class DeferralPolicy {
public:
	//! Returns true when the next chunk should leave the deferred keys unread.
	bool ShouldDefer() const {
		return reached_ * kMaxReachedShareInverse <= read_;
	}

	//! Counts the events of one chunk that a reader read.
	void CountRead(idx_t events) {
		read_ += events;
		// Halving both counts keeps their ratio and weights recent chunks more.
		if (read_ > kWindow) {
			read_ /= 2;
			reached_ /= 2;
		}
	}

	//! Counts the rows that reached the stage that reads the deferred keys.
	void CountReached(idx_t rows) {
		reached_ += rows;
	}

private:
	static constexpr std::uint64_t kMaxReachedShareInverse = 16;
	static constexpr std::uint64_t kWindow = 1 << 16;

	std::uint64_t read_ = 0;
	std::uint64_t reached_ = 0;
};

} // namespace sumoql
