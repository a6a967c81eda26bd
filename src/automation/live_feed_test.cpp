#include "automation/live_feed.hpp"

#include <gtest/gtest.h>

namespace voronka::automation {
namespace {

constexpr std::int64_t kSales = 1;
constexpr std::int64_t kPurchasing = 2;

auth::Principal Who(std::int64_t id, auth::Role role, std::optional<std::int64_t> department) {
    auth::Principal principal;
    principal.user.id = id;
    principal.user.role = role;
    principal.user.department_id = department;
    return principal;
}

const auth::Principal kIvanov = Who(10, auth::Role::kManager, kSales);
const auth::Principal kSokolova = Who(11, auth::Role::kManager, kSales);
const auth::Principal kSalesHead = Who(20, auth::Role::kHead, kSales);
const auth::Principal kPurchasingHead = Who(21, auth::Role::kHead, kPurchasing);
const auth::Principal kAdmin = Who(1, auth::Role::kAdmin, std::nullopt);

LiveHint RecordOf(std::int64_t owner, std::optional<std::int64_t> department) {
    return LiveHint{.kind = LiveHint::Kind::kRecord,
                    .record_type = crm::RecordType::kDeal,
                    .record_id = 7,
                    .owner_id = owner,
                    .owner_department = department};
}

TEST(LiveHints, ARecordHintReachesWhoSeesTheRecord) {
    const auto hint = RecordOf(kIvanov.user.id, kSales);
    EXPECT_TRUE(Hears(kIvanov, hint));
    EXPECT_TRUE(Hears(kSalesHead, hint));
    EXPECT_TRUE(Hears(kAdmin, hint));
    EXPECT_FALSE(Hears(kSokolova, hint));  // another manager's deal
    EXPECT_FALSE(Hears(kPurchasingHead, hint));
}

TEST(LiveHints, ATaskHintReachesItsAssigneeOrItsQueuesDepartment) {
    const LiveHint assigned{.kind = LiveHint::Kind::kTask, .record_id = 7, .user_id = kIvanov.user.id};
    EXPECT_TRUE(Hears(kIvanov, assigned));
    EXPECT_FALSE(Hears(kSokolova, assigned));
    EXPECT_FALSE(Hears(kAdmin, assigned));
    const LiveHint queued{.kind = LiveHint::Kind::kTask, .record_id = 7, .department_id = kSales};
    EXPECT_TRUE(Hears(kSokolova, queued));
    EXPECT_TRUE(Hears(kSalesHead, queued));
    EXPECT_FALSE(Hears(kPurchasingHead, queued));
    EXPECT_FALSE(Hears(kAdmin, queued));  // in no department
}

TEST(LiveHints, ANotificationHintReachesItsUserOnly) {
    const LiveHint notification{
        .kind = LiveHint::Kind::kNotification, .notification_id = 3, .user_id = kIvanov.user.id};
    EXPECT_TRUE(Hears(kIvanov, notification));
    EXPECT_FALSE(Hears(kSalesHead, notification));
    EXPECT_FALSE(Hears(kAdmin, notification));
}

}  // namespace
}  // namespace voronka::automation
