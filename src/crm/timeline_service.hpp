// A record's history and timeline: field changes, and the merged, newest-first story of its
// notes, tasks, stage moves and history. A deal converted from a lead also shows the lead's items
// (its history, stage moves, done tasks and notes stay on the lead and are reached through
// leads.deal_id). Owned by crm. Thread-safe (stateless over the Database).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

// Where a timeline page stopped: items are ordered by (at, rank, id) descending, where rank
// orders the kinds of items at the same second (message 4, note 3, task 2, stage move 1,
// history 0).
struct TimelineCursor {
    UnixTime at = 0;
    int rank = 0;
    std::int64_t id = 0;
    bool operator==(const TimelineCursor&) const = default;
};
std::string EncodeTimelineCursor(const TimelineCursor& cursor);
// nullopt when the text was not made by EncodeTimelineCursor.
std::optional<TimelineCursor> DecodeTimelineCursor(std::string_view text);

// The time and rank by which a timeline item is ordered; a task's time is when it was done, or
// when it was created while open; a message's when it was queued.
TimelineCursor TimelinePosition(const TimelineItem& item);

struct TimelineRequest {
    std::optional<TimelineCursor> after;  // none: from the newest
    int limit = kDefaultPageLimit;
};

class TimelineService {
public:
    explicit TimelineService(store::Database& db) : db_(db) {}

    // The record's own field history, newest first. NotFound when the record is missing,
    // deleted or out of sight.
    Result<Page<HistoryEntry>> History(const auth::Principal& principal, RecordType type,
                                       std::int64_t record_id, const PageRequest& page);

    // The record's timeline, newest first. NotFound as History.
    Result<Page<TimelineItem>> Timeline(const auth::Principal& principal, RecordType type,
                                        std::int64_t record_id, const TimelineRequest& request);

private:
    store::Database& db_;
};

}  // namespace voronka::crm
