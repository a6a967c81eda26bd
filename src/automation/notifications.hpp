// In-app notifications: what automation tells users (a rule's notify action, an overdue task of a
// department's queue). Each belongs to one user, who alone sees it. Owned by automation.
// Thread-safe (stateless over the Database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::automation {

struct Notification {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string kind;  // "rule", "queue_task_overdue"
    std::string text;
    std::optional<crm::RecordType> record_type;
    std::optional<std::int64_t> record_id;
    std::optional<std::int64_t> rule_id;
    UnixTime created_at = 0;
    std::optional<UnixTime> read_at;
};

struct NewNotification {
    std::int64_t user_id = 0;
    std::string kind;
    std::string text;
    std::optional<crm::RecordType> record_type;
    std::optional<std::int64_t> record_id;
    std::optional<std::int64_t> rule_id;
};

// Inside a caller's transaction.
std::int64_t InsertNotification(store::Transaction& tx, const NewNotification& notification, UnixTime now);
// The head of a department, if it has one.
std::optional<std::int64_t> DepartmentHead(store::Transaction& tx, std::int64_t department_id);

class NotificationService {
public:
    NotificationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // The caller's own notifications, newest first (the cursor pages towards older ones).
    Result<Page<Notification>> List(const auth::Principal& principal, bool unread_only,
                                    const PageRequest& page);
    // Marks one of the caller's notifications read (again: no change). The first read is also
    // written to notification_reads, so the live feed tells the user's other tabs
    // (LiveHint::Kind::kNotificationRead). NotFound for another user's or a missing one.
    Result<Notification> MarkRead(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace voronka::automation
