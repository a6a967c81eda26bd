// The live feed on each back end: what services write (a deal, its first task, a note, a message
// through the outbox, a notification, its reading) comes out of Poll() once, as hints with their audience; a
// message is hinted again when it is claimed, sent or failed; what was written before SkipToNow()
// is not. Time comes from a manual clock.
#include "automation/live_feed.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/department_service.hpp"
#include "auth/user_service.hpp"
#include "automation/notifications.hpp"
#include "crm/deal_service.hpp"
#include "crm/note_service.hpp"
#include "crm/pipeline_service.hpp"
#include "messaging/outbox.hpp"
#include "support/manual_clock.hpp"
#include "support/test_database.hpp"

namespace voronka::automation {
namespace {

using test::Backend;
using test::ManualClock;
using test::TestDatabase;

constexpr UnixTime kStart = 1800000000;

class LiveFeedStore : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        test_db_ = std::make_unique<TestDatabase>(GetParam());
        db_ = test_db_->OpenMigrated();
        crm::PipelineService(*db_, clock_).EnsureDefaultPipelines();
        const auto head = AddUser("head@voronka.test", auth::Role::kHead, std::nullopt);
        auto sales =
            auth::DepartmentService(*db_, clock_)
                .CreateUnchecked(auth::NewDepartment{
                    .name = "Продажи", .kind = auth::DepartmentKind::kSales, .head_user_id = head.id});
        ASSERT_TRUE(sales) << sales.error().message;
        sales_ = sales->id;
        manager_.user = AddUser("manager@voronka.test", auth::Role::kManager, sales_);
    }
    void TearDown() override {
        db_.reset();
        test_db_.reset();
    }

    auth::User AddUser(const std::string& email, auth::Role role, std::optional<std::int64_t> department) {
        auto user = auth::UserService(*db_, clock_)
                        .CreateUnchecked(auth::NewUser{.email = email,
                                                       .name = email,
                                                       .role = role,
                                                       .department_id = department,
                                                       .password = "test-password-1"});
        EXPECT_TRUE(user) << user.error().message;
        return *user;
    }

    std::int64_t AddDeal() {
        auto deal =
            crm::DealService(*db_, clock_).Create(manager_, crm::NewDeal{.title = "Поставка станков"});
        EXPECT_TRUE(deal) << deal.error().message;
        return deal->id;
    }

    LiveHint DealHint(std::int64_t deal) const {
        return LiveHint{.kind = LiveHint::Kind::kRecord,
                        .record_type = crm::RecordType::kDeal,
                        .record_id = deal,
                        .owner_id = manager_.user.id,
                        .owner_department = sales_};
    }

    ManualClock clock_{kStart};
    std::unique_ptr<TestDatabase> test_db_;
    std::unique_ptr<store::Database> db_;
    std::int64_t sales_ = 0;
    auth::Principal manager_;
};

TEST_P(LiveFeedStore, WhatIsWrittenComesOutOnceAsHintsWithTheirAudience) {
    LiveFeed feed(*db_, clock_);
    feed.SkipToNow();
    const auto deal = AddDeal();
    const LiveHint first_task{.kind = LiveHint::Kind::kTask,
                              .record_type = crm::RecordType::kDeal,
                              .record_id = deal,
                              .user_id = manager_.user.id};
    EXPECT_EQ(feed.Poll(), (std::vector<LiveHint>{DealHint(deal), first_task}));
    EXPECT_TRUE(feed.Poll().empty());

    ASSERT_TRUE(crm::NoteService(*db_, clock_).Add(manager_, crm::RecordType::kDeal, deal, "Перезвонит"));
    EXPECT_EQ(feed.Poll(), std::vector<LiveHint>{DealHint(deal)});

    const auto notification = db_->Write([&](store::Transaction& tx) {
        return InsertNotification(
            tx, NewNotification{.user_id = manager_.user.id, .kind = "rule", .text = "Встреча"},
            clock_.Now());
    });
    EXPECT_EQ(feed.Poll(), (std::vector<LiveHint>{LiveHint{.kind = LiveHint::Kind::kNotification,
                                                           .notification_id = notification,
                                                           .user_id = manager_.user.id}}));
    EXPECT_TRUE(feed.Poll().empty());

    // Read once: one hint for its user alone; read again: nothing.
    NotificationService notifications(*db_, clock_);
    ASSERT_TRUE(notifications.MarkRead(manager_, notification));
    const LiveHint read{.kind = LiveHint::Kind::kNotificationRead,
                        .notification_id = notification,
                        .user_id = manager_.user.id};
    EXPECT_EQ(feed.Poll(), std::vector<LiveHint>{read});
    ASSERT_TRUE(notifications.MarkRead(manager_, notification));
    EXPECT_TRUE(feed.Poll().empty());
    EXPECT_TRUE(Hears(manager_, read));
    auth::Principal other;
    other.user = AddUser("other@voronka.test", auth::Role::kHead, sales_);
    EXPECT_FALSE(Hears(other, read));
}

TEST_P(LiveFeedStore, WhatWasWrittenBeforeSkippingToNowIsNotHinted) {
    LiveFeed feed(*db_, clock_);
    AddDeal();
    feed.SkipToNow();
    EXPECT_TRUE(feed.Poll().empty());
    const auto deal = AddDeal();
    EXPECT_EQ(feed.Poll().front(), DealHint(deal));
}

TEST_P(LiveFeedStore, AMessageIsHintedWhenQueuedAndWhenItsStateChangesUntilItIsSent) {
    const auto deal = AddDeal();
    LiveFeed feed(*db_, clock_);
    feed.SkipToNow();
    db_->Write([&](store::Transaction& tx) {
        return messaging::Enqueue(tx,
                                  messaging::NewMessage{.channel = messaging::Channel::kSms,
                                                        .record_type = crm::RecordType::kDeal,
                                                        .record_id = deal,
                                                        .owner_id = manager_.user.id,
                                                        .recipient = "+79161234567",
                                                        .body = "Ждём вас"},
                                  clock_.Now());
    });
    EXPECT_EQ(feed.Poll(), std::vector<LiveHint>{DealHint(deal)});
    EXPECT_TRUE(feed.Poll().empty());

    const auto claimed = messaging::Claim(*db_, 10, clock_.Now(), 60);
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_EQ(feed.Poll(), std::vector<LiveHint>{DealHint(deal)});  // sending
    ASSERT_TRUE(messaging::Complete(*db_, claimed[0].id, claimed[0].attempts, messaging::DeliveryResult{},
                                    clock_.Now()));
    EXPECT_EQ(feed.Poll(), std::vector<LiveHint>{DealHint(deal)});  // sent
    EXPECT_TRUE(feed.Poll().empty());                               // finished: no longer watched
}

INSTANTIATE_TEST_SUITE_P(Backends, LiveFeedStore, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

}  // namespace
}  // namespace voronka::automation
