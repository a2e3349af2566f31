#pragma once

#include "engine/readers/deferral_policy.hpp"
#include "engine/readers/timestamp.hpp"
#include "engine/types/constants.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sumoql {

//! The event keys a query reads, as a tree of case-folded names: `event_data.Image` is the child
//! `image` of `event_data`. Readers walk an event's JSON against it and skip every key that is
//! not in it, so an event costs work only for the fields the query uses.
class ProjectionNode {
public:
	//! The chunk slot this key's value goes to, if the query reads the key itself.
	std::optional<idx_t> slot;
	//! Rank among the keys that may contain the event time; lower wins.
	std::optional<int> time_rank;
	//! True for a time key that is UTC by definition (Sysmon's `UtcTime`, the event log's
	//! `SystemTime`), so the source's time zone never shifts it.
	bool time_is_utc = false;
	//! True for a top-level key that the query first reads after its early filters. A chunk read
	//! with deferral leaves its slot unfilled, and the stage before the key's first reader fills
	//! it for the rows that reach that stage.
	bool deferred = false;

	//! Returns the child named `name` (compared case-insensitively), adding it when missing.
	ProjectionNode &Child(std::string_view name);

	//! Returns the child whose name equals `key` case-insensitively, or nullptr. Runs once per
	//! key of every event, so it hashes and compares in place without allocating.
	const ProjectionNode *FindChild(std::string_view key) const;

	bool has_children() const {
		return !children_.empty();
	}

private:
	void Rehash();

	//! The children's names in lower case.
	std::vector<std::string> folded_names_;
	std::vector<std::unique_ptr<ProjectionNode>> children_;

	//! An index into children_, -1 where empty, with the child's name hash, which rejects most
	//! other keys without comparing names.
	struct TableEntry {
		int index = -1;
		std::size_t hash = 0;
	};
	//! Open-addressing table whose size is a power of two at least twice the child count, so a
	//! probe ends at an empty entry.
	std::vector<TableEntry> table_;
};

//! The slots, defaults and event time that a reader fills for each event.
struct Projection {
	ProjectionNode root;
	//! Gets the event time in epoch milliseconds, if the query needs `_messageTime`.
	std::optional<idx_t> message_time_slot;
	//! Offset from UTC, in minutes, of event times written without a zone.
	int time_zone_minutes = 0;
	TimeFormat time_format = TimeFormat::kAuto;
	//! Gets the event's own text when it has no `_raw` key of its own.
	std::optional<idx_t> raw_slot;
	//! Gets the whole event text for writers that print every field of an event.
	std::optional<idx_t> event_text_slot;
	//! Values for slots an event leaves null, such as `_sourceCategory` from the command line.
	std::vector<std::pair<idx_t, std::string>> defaults;
	//! The spelling of each top-level key in the first event that had it, by slot; empty until
	//! seen. Output names a field after its first definition, which for an event key is the
	//! event's spelling.
	std::vector<std::string> event_spellings;
	//! Gets the text of each event whose deferred keys are still unread. Set only when some key
	//! is deferred.
	std::optional<idx_t> pending_event_slot;
	//! Decides which chunks defer. The stage that reads the deferred keys shares it, to report
	//! how many rows reach it.
	std::shared_ptr<DeferralPolicy> deferral;

	//! Adds `name`, dotted or not, as a key whose value goes to `slot`.
	void AddField(std::string_view name, idx_t slot);

	//! Adds `name` as a key that may hold the event time, with the given rank. A key whose last
	//! name is `UtcTime` or `SystemTime` is read as UTC whatever the time zone.
	void AddTimeCandidate(std::string_view name, int rank);

private:
	ProjectionNode &NodeFor(std::string_view name);
};

} // namespace sumoql
