#include "automation/notifications.hpp"

#include "automation_sql.hpp"

namespace voronka::automation {
namespace {

using store::Param;

// A row of notification_list.sql or notification_get.sql.
Notification NotificationFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Notification n;
        n.id = r.Int();
        n.user_id = r.Int();
        n.kind = r.Text();
        n.text = r.Text();
        if (auto type = r.OptText()) n.record_type = crm::ParseRecordType(*type);
        n.record_id = r.OptInt();
        n.rule_id = r.OptInt();
        n.created_at = r.Int();
        n.read_at = r.OptInt();
        return n;
    });
}

}  // namespace

std::int64_t InsertNotification(store::Transaction& tx, const NewNotification& notification, UnixTime now) {
    std::optional<std::string> type;
    if (notification.record_type) type = std::string(crm::RecordTypeName(*notification.record_type));
    return tx.Insert(sql::kNotificationInsert,
                     {Param(notification.user_id), Param(notification.kind), Param(notification.text),
                      Param(type), Param(notification.record_id), Param(notification.rule_id), Param(now)});
}

std::optional<std::int64_t> DepartmentHead(store::Transaction& tx, std::int64_t department_id) {
    const auto row = tx.FetchOne(sql::kEngineDepartmentHead, {Param(department_id)});
    if (!row) return std::nullopt;
    return store::ReadRow(*row, [](store::RowReader& r) { return r.OptInt(); });
}

Result<Page<Notification>> NotificationService::List(const auth::Principal& principal, bool unread_only,
                                                     const PageRequest& page) {
    const auto after_id = page.AfterId("notifications");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Notification>> {
        std::vector<Notification> items;
        for (const auto& row :
             tx.Fetch(sql::kNotificationList, {Param(principal.user.id), Param(unread_only ? 1 : 0),
                                               Param(*after_id), Param(page.limit + 1)})) {
            items.push_back(NotificationFromRow(row));
        }
        return MakePage(std::move(items), page.limit, "notifications",
                        [](const Notification& n) { return n.id; });
    });
}

Result<Notification> NotificationService::MarkRead(const auth::Principal& principal, std::int64_t id) {
    return db_.Write([&](store::Transaction& tx) -> Result<Notification> {
        const UnixTime now = clock_.Now();
        if (tx.Execute(sql::kNotificationMarkRead, {Param(id), Param(principal.user.id), Param(now)}) > 0) {
            // Read just now: the user's other tabs hear it through the live feed.
            tx.Execute(sql::kNotificationReadInsert, {Param(id), Param(principal.user.id), Param(now)});
        }
        const auto row = tx.FetchOne(sql::kNotificationGet, {Param(id), Param(principal.user.id)});
        if (!row) return Error::NotFound("no such notification");
        return NotificationFromRow(*row);
    });
}

}  // namespace voronka::automation
