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
    last_event_ = rows.at(0).Int(0);
    last_note_ = rows.at(0).Int(1);
    last_message_ = rows.at(0).Int(2);
    last_notification_ = rows.at(0).Int(3);
    last_notification_read_ = rows.at(0).Int(4);
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
    if (const auto user = tx.FetchOne(sql::kRuleUserDepartment, {Param(owner.id)})) {
        owner.department = user->OptInt(0);
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
        last_event_ = row.Int(0);
        const std::string record_type = row.Text(2);
        const std::int64_t record_id = row.Int(3);
        AddRecordHint(tx, hints, record_type, record_id);
        if (row.Text(1) != "task_changed") continue;
        const auto type = crm::ParseRecordType(record_type);
        const auto data = nlohmann::json::parse(row.Text(4), nullptr, false);
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
        last_note_ = row.Int(0);
        AddRecordHint(tx, hints, row.Text(1), row.Int(2));
    }
}

// Hints on a new message of a record and on a watched one whose state changed; then moves the
// floor to the oldest message still unfinished and young enough to watch.
void LiveFeed::ReadMessages(store::Transaction& tx, std::vector<LiveHint>& hints) {
    const auto rows = tx.Fetch(sql::kLiveMessagesSince, {Param(message_floor_), Param(options_.batch)});
    const UnixTime watch_since = clock_.Now() - options_.watch_messages_seconds;
    std::map<std::int64_t, std::string> states;
    for (const auto& row : rows) {
        const std::int64_t id = row.Int(0);
        std::string state = row.Text(3);
        const auto known = message_states_.find(id);
        const bool changed = id > last_message_ || (known != message_states_.end() && known->second != state);
        if (changed && !row.IsNull(1)) AddRecordHint(tx, hints, row.Text(1), row.Int(2));
        last_message_ = std::max(last_message_, id);
        if (Unfinished(state) && row.Int(4) >= watch_since) states.emplace(id, std::move(state));
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
        last_notification_ = row.Int(0);
        hints.push_back(LiveHint{
            .kind = LiveHint::Kind::kNotification, .notification_id = row.Int(0), .user_id = row.Int(1)});
    }
}

void LiveFeed::ReadNotificationReads(store::Transaction& tx, std::vector<LiveHint>& hints) {
    for (const auto& row : tx.Fetch(sql::kLiveNotificationReadsSince,
                                    {Param(last_notification_read_), Param(options_.batch)})) {
        last_notification_read_ = row.Int(0);
        hints.push_back(LiveHint{
            .kind = LiveHint::Kind::kNotificationRead, .notification_id = row.Int(1), .user_id = row.Int(2)});
    }
}

}  // namespace voronka::automation
