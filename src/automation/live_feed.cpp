#include "automation/live_feed.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auth/visibility.hpp"
#include "automation_sql.hpp"
#include "crm/record_access.hpp"

namespace voronka::automation {
namespace {

using store::Param;

bool Unfinished(const std::string& state) {
    return state == "queued" || state == "sending" || state == "retrying";
}

std::optional<std::int64_t> OptionalId(const nlohmann::json& data, const char* key) {
    const auto it = data.find(key);
    if (it == data.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

}  // namespace

bool Hears(const auth::Principal& principal, const LiveHint& hint) {
    const auth::User& user = principal.user;
    switch (hint.kind) {
        case LiveHint::Kind::kRecord:
            return auth::Sees(auth::ScopeOf(principal), hint.owner_id, hint.owner_department);
        case LiveHint::Kind::kTask:
            if (hint.user_id) return *hint.user_id == user.id;
            return hint.department_id && user.department_id && *hint.department_id == *user.department_id;
        case LiveHint::Kind::kNotification:
        case LiveHint::Kind::kNotificationRead: return hint.user_id && *hint.user_id == user.id;
    }
    return false;
}

LiveFeed::LiveFeed(store::Database& db, const Clock& clock, LiveFeedOptions options)
    : db_(db), clock_(clock), options_(options) {}

void LiveFeed::SkipToNow() {
    const auto rows = db_.FetchAlone(sql::kLiveNewest);
    store::ReadRow(rows.at(0), [&](store::RowReader& r) {
        last_event_ = r.Int();
        last_note_ = r.Int();
        last_message_ = r.Int();
        last_notification_ = r.Int();
        last_notification_read_ = r.Int();
    });
    message_floor_ = last_message_ + 1;
    message_states_.clear();
    started_ = true;
}

std::vector<LiveHint> LiveFeed::Poll() {
    if (!started_) {
        SkipToNow();
        return {};
    }
    std::vector<LiveHint> hints;
    db_.Read([&](store::Transaction& tx) {
        ReadEvents(tx, hints);
        ReadNotes(tx, hints);
        ReadMessages(tx, hints);
        ReadNotifications(tx, hints);
        ReadNotificationReads(tx, hints);
    });
    return hints;
}

std::optional<LiveFeed::Owner> LiveFeed::OwnerOf(store::Transaction& tx, crm::RecordType type,
                                                 std::int64_t id) {
    const auto record = crm::FindVisibleRecord(tx, store::Scope::Everything(), type, id);
    if (!record) return std::nullopt;
    Owner owner{.id = record->owner_id, .department = std::nullopt};
    if (const auto user = tx.FetchOne(sql::kRuleOwnerDepartment, {Param(owner.id)})) {
        owner.department = store::ReadRow(*user, &store::RowReader::OptInt);
    }
    return owner;
}

void LiveFeed::AddRecordHint(store::Transaction& tx, std::vector<LiveHint>& hints,
                             const std::string& type_name, std::int64_t id) {
    const auto type = crm::ParseRecordType(type_name);
    if (!type) return;
    const auto same = [&](const LiveHint& hint) {
        return hint.kind == LiveHint::Kind::kRecord && hint.record_type == *type && hint.record_id == id;
    };
    if (std::any_of(hints.begin(), hints.end(), same)) return;
    const auto owner = OwnerOf(tx, *type, id);
    if (!owner) return;  // deleted meanwhile: nobody's screen shows it any more
    hints.push_back(LiveHint{.kind = LiveHint::Kind::kRecord,
                             .record_type = *type,
                             .record_id = id,
                             .owner_id = owner->id,
                             .owner_department = owner->department});
}

void LiveFeed::ReadEvents(store::Transaction& tx, std::vector<LiveHint>& hints) {
    for (const auto& row : tx.Fetch(sql::kLiveEventsSince, {Param(last_event_), Param(options_.batch)})) {
        std::string kind;
        std::string record_type;
        std::int64_t record_id = 0;
        std::string data_text;
        store::ReadRow(row, [&](store::RowReader& r) {
            last_event_ = r.Int();
            kind = r.Text();
            record_type = r.Text();
            record_id = r.Int();
            data_text = r.Text();
        });
        AddRecordHint(tx, hints, record_type, record_id);
        if (kind != "task_changed") continue;
        const auto type = crm::ParseRecordType(record_type);
        const auto data = nlohmann::json::parse(data_text, nullptr, false);
        if (!type || !data.is_object()) continue;
        LiveHint task{.kind = LiveHint::Kind::kTask,
                      .record_type = *type,
                      .record_id = record_id,
                      .user_id = OptionalId(data, "assignee_id"),
                      .department_id = OptionalId(data, "department_id")};
        if (std::find(hints.begin(), hints.end(), task) == hints.end()) hints.push_back(task);
    }
}

void LiveFeed::ReadNotes(store::Transaction& tx, std::vector<LiveHint>& hints) {
    for (const auto& row : tx.Fetch(sql::kLiveNotesSince, {Param(last_note_), Param(options_.batch)})) {
        std::string record_type;
        std::int64_t record_id = 0;
        store::ReadRow(row, [&](store::RowReader& r) {
            last_note_ = r.Int();
            record_type = r.Text();
            record_id = r.Int();
        });
        AddRecordHint(tx, hints, record_type, record_id);
    }
}

// Hints on a new message of a record and on a watched one whose state changed; then moves the
// floor to the oldest message still unfinished and young enough to watch.
void LiveFeed::ReadMessages(store::Transaction& tx, std::vector<LiveHint>& hints) {
    const auto rows = tx.Fetch(sql::kLiveMessagesSince, {Param(message_floor_), Param(options_.batch)});
    const UnixTime watch_since = clock_.Now() - options_.watch_messages_seconds;
    std::map<std::int64_t, std::string> states;
    for (const auto& row : rows) {
        std::int64_t id = 0;
        std::optional<std::string> record_type;
        std::int64_t record_id = 0;
        std::string state;
        UnixTime created_at = 0;
        store::ReadRow(row, [&](store::RowReader& r) {
            id = r.Int();
            record_type = r.OptText();
            record_id = r.Int();
            state = r.Text();
            created_at = r.Int();
        });
        const auto known = message_states_.find(id);
        const bool changed = id > last_message_ || (known != message_states_.end() && known->second != state);
        if (changed && record_type) AddRecordHint(tx, hints, *record_type, record_id);
        last_message_ = std::max(last_message_, id);
        if (Unfinished(state) && created_at >= watch_since) states.emplace(id, std::move(state));
    }
    const bool full = rows.size() >= static_cast<std::size_t>(options_.batch);
    if (full || states.empty()) {
        message_floor_ = last_message_ + 1;
        if (full) states.clear();
    } else {
        message_floor_ = states.begin()->first;
    }
    message_states_ = std::move(states);
}

void LiveFeed::ReadNotifications(store::Transaction& tx, std::vector<LiveHint>& hints) {
    for (const auto& row :
         tx.Fetch(sql::kLiveNotificationsSince, {Param(last_notification_), Param(options_.batch)})) {
        hints.push_back(store::ReadRow(row, [&](store::RowReader& r) {
            last_notification_ = r.Int();
            return LiveHint{.kind = LiveHint::Kind::kNotification,
                            .notification_id = last_notification_,
                            .user_id = r.Int()};
        }));
    }
}

void LiveFeed::ReadNotificationReads(store::Transaction& tx, std::vector<LiveHint>& hints) {
    for (const auto& row : tx.Fetch(sql::kLiveNotificationReadsSince,
                                    {Param(last_notification_read_), Param(options_.batch)})) {
        hints.push_back(store::ReadRow(row, [&](store::RowReader& r) {
            last_notification_read_ = r.Int();
            return LiveHint{
                .kind = LiveHint::Kind::kNotificationRead, .notification_id = r.Int(), .user_id = r.Int()};
        }));
    }
}

}  // namespace voronka::automation
