// The live feed: what was written since the last look that a signed-in user's open screens may
// want to show — a changed record (its domain events, notes, messages), a task given to someone,
// a new notification, a notification read — as small hints, each saying who may hear it. The API's event
// stream (GET /api/v1/stream) fans them out; browsers refetch through the API, which applies visibility
// again. Owned by automation. LiveFeed is thread-compatible (one poller); Hears() is pure.
//
// It reads rows by id. On PostgreSQL with several writers an id may commit after a larger one;
// such a row may go unnoticed, and the screen shows it on its next refetch.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::automation {

struct LiveHint {
    enum class Kind {
        kRecord,            // a record changed: its card and lists may refetch
        kTask,              // a task was given to someone or changed: their day may refetch
        kNotification,      // a new notification
        kNotificationRead,  // a notification was read (in another tab): the bell may refetch
    };
    Kind kind = Kind::kRecord;
    crm::RecordType record_type = crm::RecordType::kDeal;  // kRecord, kTask: the record
    std::int64_t record_id = 0;
    std::int64_t notification_id = 0;  // kNotification, kNotificationRead
    // Who may hear it. kRecord: whoever sees a record of `owner_id`, whose department is
    // `owner_department` (auth::Sees). kTask: `user_id` (the assignee), or when none the users
    // of `department_id` (the queue). kNotification, kNotificationRead: `user_id` alone.
    std::int64_t owner_id = 0;
    std::optional<std::int64_t> owner_department;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> department_id;

    bool operator==(const LiveHint&) const = default;
};

// Whether `principal` may hear `hint` (see LiveHint for the rule of each kind).
bool Hears(const auth::Principal& principal, const LiveHint& hint);

struct LiveFeedOptions {
    // Rows read from each source per Poll() at most; the rest come on the next one.
    int batch = 500;
    // A message is watched for its sending or failure this long after it was queued.
    std::int64_t watch_messages_seconds = 600;
};

class LiveFeed {
public:
    LiveFeed(store::Database& db, const Clock& clock, LiveFeedOptions options = {});

    // Passes over everything written so far: the next Poll() answers what is written after this.
    void SkipToNow();
    // Hints of what was written (or, for messages, sent or failed) since the last Poll() or
    // SkipToNow(), without repeats. The first call without SkipToNow() skips to now.
    std::vector<LiveHint> Poll();

private:
    // A record's owner and the owner's department; nothing when the record is gone.
    struct Owner {
        std::int64_t id = 0;
        std::optional<std::int64_t> department;
    };
    std::optional<Owner> OwnerOf(store::Transaction& tx, crm::RecordType type, std::int64_t id);
    void AddRecordHint(store::Transaction& tx, std::vector<LiveHint>& hints, const std::string& type,
                       std::int64_t id);
    void ReadEvents(store::Transaction& tx, std::vector<LiveHint>& hints);
    void ReadNotes(store::Transaction& tx, std::vector<LiveHint>& hints);
    void ReadMessages(store::Transaction& tx, std::vector<LiveHint>& hints);
    void ReadNotifications(store::Transaction& tx, std::vector<LiveHint>& hints);
    void ReadNotificationReads(store::Transaction& tx, std::vector<LiveHint>& hints);

    store::Database& db_;
    const Clock& clock_;
    const LiveFeedOptions options_;
    bool started_ = false;
    std::int64_t last_event_ = 0;
    std::int64_t last_note_ = 0;
    std::int64_t last_message_ = 0;
    std::int64_t last_notification_ = 0;
    std::int64_t last_notification_read_ = 0;
    // Messages are read again from the oldest unfinished one still watched; their last states.
    std::int64_t message_floor_ = 1;
    std::map<std::int64_t, std::string> message_states_;
};

}  // namespace voronka::automation
