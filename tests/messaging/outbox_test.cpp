// The outbox on each back end: enqueue, claim under a lease, complete, retry with backoff, and the
// delivery workers with an in-process Transport and an injected clock.
#include "messaging/outbox.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "auth/settings_service.hpp"
#include "messaging/channel_transport.hpp"
#include "messaging/delivery_worker.hpp"
#include "support/manual_clock.hpp"
#include "support/test_database.hpp"

namespace voronka::messaging {
namespace {

using test::Backend;
using test::ManualClock;
using test::TestDatabase;
using Outcome = DeliveryResult::Outcome;

constexpr UnixTime kStart = 1800000000;

// Answers what `answer` says for each attempt and records every delivery it saw.
class FakeTransport final : public Transport {
public:
    std::function<DeliveryResult(const Message&)> answer = [](const Message& m) {
        return DeliveryResult{
            .outcome = Outcome::kSent, .provider_id = "p-" + std::to_string(m.id), .error = {}};
    };

    DeliveryResult Deliver(const Message& message, Language) override {
        {
            std::lock_guard lock(mutex_);
            ++deliveries_[message.id];
            ++total_;
        }
        return answer(message);
    }
    int DeliveriesOf(std::int64_t id) {
        std::lock_guard lock(mutex_);
        return deliveries_.count(id) ? deliveries_.at(id) : 0;
    }
    std::map<std::int64_t, int> Deliveries() {
        std::lock_guard lock(mutex_);
        return deliveries_;
    }
    int Total() {
        std::lock_guard lock(mutex_);
        return total_;
    }

private:
    std::mutex mutex_;
    std::map<std::int64_t, int> deliveries_;
    int total_ = 0;
};

// Polls `condition` for up to 60 seconds; for states the worker's threads reach.
bool Eventually(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
}

NewMessage Sms(std::string text = "Встреча завтра в 15:00") {
    NewMessage m;
    m.channel = Channel::kSms;
    m.record_type = crm::RecordType::kDeal;
    m.record_id = 7;
    m.recipient = "+79161234567";
    m.body = std::move(text);
    return m;
}

class OutboxStore : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        test_db_ = std::make_unique<TestDatabase>(GetParam());
        db_ = test_db_->OpenMigrated();
    }
    void TearDown() override {
        db_.reset();
        test_db_.reset();
    }

    store::Database& db() { return *db_; }
    // Another pool on the same database, as a second process would have.
    std::unique_ptr<store::Database> OpenAnother() { return test_db_->Open(); }
    std::int64_t Add(const NewMessage& m = Sms(), UnixTime now = kStart) {
        return db().Write([&](store::Transaction& tx) { return Enqueue(tx, m, now); });
    }
    std::vector<std::int64_t> AddMany(int count, UnixTime now = kStart) {
        return db().Write([&](store::Transaction& tx) {
            std::vector<std::int64_t> ids;
            for (int i = 0; i < count; ++i)
                ids.push_back(Enqueue(tx, Sms("Сообщение " + std::to_string(i)), now));
            return ids;
        });
    }
    Message Load(std::int64_t id) {
        return db().Read([&](store::Transaction& tx) {
            auto m = FindMessage(tx, id);
            if (!m) throw std::runtime_error("no message " + std::to_string(id));
            return *m;
        });
    }
    MessageState StateOf(std::int64_t id) { return Load(id).state; }
    bool AllIn(const std::vector<std::int64_t>& ids, MessageState state) {
        return db().Read([&](store::Transaction& tx) {
            for (const auto id : ids) {
                if (FindMessage(tx, id)->state != state) return false;
            }
            return true;
        });
    }

    ManualClock clock_{kStart};
    FakeTransport transport_;

private:
    std::unique_ptr<TestDatabase> test_db_;
    std::unique_ptr<store::Database> db_;
};

std::vector<std::int64_t> IdsOf(const std::vector<Message>& messages) {
    std::vector<std::int64_t> ids;
    for (const auto& m : messages) ids.push_back(m.id);
    return ids;
}

TEST_P(OutboxStore, EnqueueWritesAQueuedMessageDueNow) {
    NewMessage in = Sms();
    in.channel = Channel::kEmail;
    in.recipient = "client@example.com";
    in.subject = "Коммерческое предложение";
    in.html = "<p>КП</p>";
    const std::int64_t id = Add(in);
    const Message m = Load(id);
    EXPECT_EQ(m.state, MessageState::kQueued);
    EXPECT_EQ(m.channel, Channel::kEmail);
    EXPECT_EQ(m.record_type, crm::RecordType::kDeal);
    EXPECT_EQ(m.record_id, 7);
    EXPECT_EQ(m.recipient, "client@example.com");
    EXPECT_EQ(m.subject, "Коммерческое предложение");
    EXPECT_EQ(m.body, "Встреча завтра в 15:00");
    EXPECT_EQ(m.html, "<p>КП</p>");
    EXPECT_EQ(m.attempts, 0);
    EXPECT_EQ(m.next_attempt_at, kStart);
    EXPECT_EQ(m.created_at, kStart);
    EXPECT_FALSE(m.last_error);
    EXPECT_FALSE(m.sent_at);
}

TEST_P(OutboxStore, EnqueueRollsBackWithTheCallersTransaction) {
    EXPECT_THROW(db().Write([&](store::Transaction& tx) {
        Enqueue(tx, Sms(), kStart);
        throw std::runtime_error("the change that decided the message failed");
    }),
                 std::runtime_error);
    EXPECT_TRUE(Claim(db(), 10, kStart + 1000, 60).empty());
}

TEST_P(OutboxStore, MessageThatCouldNotBeMadeIsFailedWithItsReasonAndNeverClaimed) {
    NewMessage in = Sms("");
    in.failure = "нет значения для {{meeting.at}}";
    const std::int64_t id = Add(in);
    const Message m = Load(id);
    EXPECT_EQ(m.state, MessageState::kFailed);
    EXPECT_EQ(m.last_error, "нет значения для {{meeting.at}}");
    EXPECT_EQ(m.attempts, 0);
    EXPECT_TRUE(Claim(db(), 10, kStart + 100000, 60).empty());
}

TEST_P(OutboxStore, ClaimTakesDueMessagesOnceUnderALease) {
    const std::int64_t due = Add(Sms(), kStart);
    const std::int64_t later = Add(Sms(), kStart + 30);
    const auto claimed = Claim(db(), 10, kStart, 60);
    ASSERT_EQ(IdsOf(claimed), std::vector<std::int64_t>{due});
    EXPECT_EQ(claimed[0].state, MessageState::kSending);
    EXPECT_EQ(claimed[0].attempts, 1);
    EXPECT_EQ(StateOf(later), MessageState::kQueued);
    // Within the lease nobody claims it again.
    EXPECT_EQ(IdsOf(Claim(db(), 10, kStart + 59, 60)), std::vector<std::int64_t>{later});
}

TEST_P(OutboxStore, ClaimTakesAtMostMax) {
    AddMany(5);
    EXPECT_EQ(Claim(db(), 3, kStart, 60).size(), 3u);
    EXPECT_EQ(Claim(db(), 3, kStart, 60).size(), 2u);
    EXPECT_TRUE(Claim(db(), 3, kStart, 60).empty());
}

TEST_P(OutboxStore, SentMessageRecordsProviderIdAndIsNeverClaimedAgain) {
    const std::int64_t id = Add();
    const auto claimed = Claim(db(), 10, kStart, 60);
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_TRUE(
        Complete(db(), id, 1, {.outcome = Outcome::kSent, .provider_id = "201-77", .error = {}}, kStart + 2));
    const Message m = Load(id);
    EXPECT_EQ(m.state, MessageState::kSent);
    EXPECT_EQ(m.provider_id, "201-77");
    EXPECT_EQ(m.sent_at, kStart + 2);
    // Not when due, not after any lease.
    EXPECT_TRUE(Claim(db(), 10, kStart + 10, 60).empty());
    EXPECT_TRUE(Claim(db(), 10, kStart + 10'000'000, 60).empty());
    // A late outcome of the same attempt changes nothing.
    EXPECT_FALSE(
        Complete(db(), id, 1, {.outcome = Outcome::kPermanent, .provider_id = {}, .error = "x"}, kStart + 3));
    EXPECT_EQ(Load(id).state, MessageState::kSent);
}

TEST_P(OutboxStore, TemporaryFailureRetriesAfterTheBackoffDelay) {
    const std::int64_t id = Add();
    ASSERT_EQ(Claim(db(), 10, kStart, 60).size(), 1u);
    EXPECT_TRUE(Complete(db(), id, 1,
                         {.outcome = Outcome::kTemporary, .provider_id = {}, .error = "HTTP 503"}, kStart));
    const Message m = Load(id);
    EXPECT_EQ(m.state, MessageState::kRetrying);
    EXPECT_EQ(m.last_error, "HTTP 503");
    const UnixTime due = kStart + RetryDelaySeconds(2, JitterOf(id, 1));
    EXPECT_EQ(m.next_attempt_at, due);
    EXPECT_GE(due, kStart + 8);
    EXPECT_LE(due, kStart + 10);
    EXPECT_TRUE(Claim(db(), 10, due - 1, 60).empty());
    const auto again = Claim(db(), 10, due, 60);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].attempts, 2);
}

TEST_P(OutboxStore, PermanentFailureFailsAtOnceWithTheError) {
    const std::int64_t id = Add();
    ASSERT_EQ(Claim(db(), 10, kStart, 60).size(), 1u);
    EXPECT_TRUE(Complete(
        db(), id, 1, {.outcome = Outcome::kPermanent, .provider_id = {}, .error = "неверный номер"}, kStart));
    const Message m = Load(id);
    EXPECT_EQ(m.state, MessageState::kFailed);
    EXPECT_EQ(m.last_error, "неверный номер");
    EXPECT_FALSE(m.sent_at);
    EXPECT_TRUE(Claim(db(), 10, kStart + 10'000'000, 60).empty());
}

TEST_P(OutboxStore, TemporaryFailuresFailTheMessageAfterMaxAttempts) {
    const BackoffPolicy policy{.max_attempts = 3};
    const std::int64_t id = Add();
    UnixTime now = kStart;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        const auto claimed = Claim(db(), 10, now, 60);
        ASSERT_EQ(claimed.size(), 1u) << "attempt " << attempt;
        ASSERT_EQ(claimed[0].attempts, attempt);
        const std::string error = "timeout " + std::to_string(attempt);
        ASSERT_TRUE(Complete(db(), id, attempt,
                             {.outcome = Outcome::kTemporary, .provider_id = {}, .error = error}, now,
                             policy));
        now = Load(id).next_attempt_at;
    }
    const Message m = Load(id);
    EXPECT_EQ(m.state, MessageState::kFailed);
    EXPECT_EQ(m.attempts, 3);
    EXPECT_EQ(m.last_error, "timeout 3");
    EXPECT_TRUE(Claim(db(), 10, kStart + 10'000'000, 60).empty());
}

TEST_P(OutboxStore, LongErrorsAreCutWithoutBreakingCharacters) {
    const std::int64_t id = Add();
    ASSERT_EQ(Claim(db(), 10, kStart, 60).size(), 1u);
    std::string error;
    for (int i = 0; i < 1500; ++i) error += "ж";
    ASSERT_TRUE(
        Complete(db(), id, 1, {.outcome = Outcome::kPermanent, .provider_id = {}, .error = error}, kStart));
    EXPECT_EQ(Load(id).last_error, std::string(error.substr(0, 2 * kMaxErrorLength)));
}

TEST_P(OutboxStore, InterruptedSendingIsClaimedAgainWhenItsLeaseExpires) {
    const std::int64_t id = Add();
    ASSERT_EQ(Claim(db(), 10, kStart, 60).size(), 1u);
    // The worker died: no outcome. Until the lease ends the row stays with it.
    EXPECT_TRUE(Claim(db(), 10, kStart + 59, 60).empty());
    const auto again = Claim(db(), 10, kStart + 60, 60);
    ASSERT_EQ(IdsOf(again), std::vector<std::int64_t>{id});
    EXPECT_EQ(again[0].attempts, 2);
    EXPECT_EQ(again[0].state, MessageState::kSending);
}

TEST_P(OutboxStore, StaleOutcomeAfterAReclaimIsIgnored) {
    const std::int64_t id = Add();
    ASSERT_EQ(Claim(db(), 10, kStart, 60).size(), 1u);
    ASSERT_EQ(Claim(db(), 10, kStart + 60, 60).size(), 1u);  // attempt 2 by another worker
    // The first worker comes back late with a permanent failure: ignored.
    EXPECT_FALSE(Complete(db(), id, 1, {.outcome = Outcome::kPermanent, .provider_id = {}, .error = "late"},
                          kStart + 61));
    EXPECT_EQ(StateOf(id), MessageState::kSending);
    EXPECT_FALSE(Load(id).last_error);
    EXPECT_TRUE(
        Complete(db(), id, 2, {.outcome = Outcome::kSent, .provider_id = "x", .error = {}}, kStart + 62));
    EXPECT_EQ(StateOf(id), MessageState::kSent);
}

TEST_P(OutboxStore, ReleaseGivesUnsentClaimsBackUncounted) {
    const auto ids = AddMany(2);
    ASSERT_EQ(Claim(db(), 10, kStart, 60).size(), 2u);
    ASSERT_TRUE(Complete(db(), ids[1], 1, {.outcome = Outcome::kTemporary, .provider_id = {}, .error = "503"},
                         kStart));
    const UnixTime due = Load(ids[1]).next_attempt_at;
    ASSERT_EQ(Claim(db(), 10, due, 60).size(), 1u);  // ids[1], attempt 2
    const std::vector<Completion> claimed{{.message_id = ids[0], .attempt = 1, .result = {}},
                                          {.message_id = ids[1], .attempt = 2, .result = {}},
                                          {.message_id = ids[1], .attempt = 1, .result = {}}};  // stale
    EXPECT_EQ(Release(db(), claimed, due + 1), 2);
    EXPECT_EQ(StateOf(ids[0]), MessageState::kQueued);
    EXPECT_EQ(Load(ids[0]).attempts, 0);
    EXPECT_EQ(StateOf(ids[1]), MessageState::kRetrying);
    EXPECT_EQ(Load(ids[1]).attempts, 1);
    EXPECT_EQ(Claim(db(), 10, due + 1, 60).size(), 2u);
}

// --- the workers ---

DeliveryOptions FastOptions() {
    DeliveryOptions options;
    options.poll = std::chrono::hours(1);  // only Start and Wake make it look
    return options;
}

TEST_P(OutboxStore, WorkerSendsAQueuedMessageExactlyOnceWhenWoken) {
    DeliveryWorker worker(db(), clock_, transport_, FastOptions());
    worker.Start();
    const std::int64_t id = Add(Sms(), clock_.Now());
    worker.Wake();
    ASSERT_TRUE(Eventually([&] { return StateOf(id) == MessageState::kSent; }));
    // Woken again, and with time far ahead: nothing is sent twice.
    clock_.Advance(100000);
    const std::int64_t second = Add(Sms(), clock_.Now());
    worker.Wake();
    ASSERT_TRUE(Eventually([&] { return StateOf(second) == MessageState::kSent; }));
    worker.Stop();
    EXPECT_EQ(transport_.DeliveriesOf(id), 1);
    EXPECT_EQ(transport_.DeliveriesOf(second), 1);
    EXPECT_EQ(Load(id).provider_id, "p-" + std::to_string(id));
    EXPECT_EQ(Load(id).attempts, 1);
}

TEST_P(OutboxStore, WorkerRetriesATemporaryFailureWhenTheClockReachesTheBackoff) {
    std::atomic<int> calls{0};
    transport_.answer = [&](const Message&) {
        if (calls++ == 0)
            return DeliveryResult{.outcome = Outcome::kTemporary, .provider_id = {}, .error = "HTTP 502"};
        return DeliveryResult{.outcome = Outcome::kSent, .provider_id = "ok", .error = {}};
    };
    const std::int64_t id = Add(Sms(), clock_.Now());
    DeliveryWorker worker(db(), clock_, transport_, FastOptions());
    worker.Start();
    ASSERT_TRUE(Eventually([&] { return StateOf(id) == MessageState::kRetrying; }));
    const Message waiting = Load(id);
    EXPECT_EQ(waiting.last_error, "HTTP 502");
    EXPECT_GT(waiting.next_attempt_at, clock_.Now());
    // Woken before it is due: nothing happens.
    worker.Wake();
    clock_.Set(waiting.next_attempt_at - 1);
    worker.Wake();
    EXPECT_EQ(transport_.DeliveriesOf(id), 1);
    clock_.Set(waiting.next_attempt_at);
    worker.Wake();
    ASSERT_TRUE(Eventually([&] { return StateOf(id) == MessageState::kSent; }));
    worker.Stop();
    EXPECT_EQ(transport_.DeliveriesOf(id), 2);
    EXPECT_EQ(Load(id).attempts, 2);
    EXPECT_EQ(Load(id).last_error, "HTTP 502");  // the history of the earlier failure stays
}

TEST_P(OutboxStore, WorkerFailsAPermanentErrorAndATransportThatThrowsIsRetried) {
    transport_.answer = [](const Message& m) -> DeliveryResult {
        if (m.body == "throws") throw std::runtime_error("socket exploded");
        return {.outcome = Outcome::kPermanent, .provider_id = {}, .error = "номер заблокирован"};
    };
    const std::int64_t refused = Add(Sms("refused"), clock_.Now());
    const std::int64_t throws = Add(Sms("throws"), clock_.Now());
    DeliveryWorker worker(db(), clock_, transport_, FastOptions());
    worker.Start();
    ASSERT_TRUE(Eventually([&] {
        return StateOf(refused) == MessageState::kFailed && StateOf(throws) == MessageState::kRetrying;
    }));
    worker.Stop();
    EXPECT_EQ(Load(refused).last_error, "номер заблокирован");
    EXPECT_EQ(Load(throws).last_error, "внутренняя ошибка при отправке");  // a Russian organisation
}

TEST_P(OutboxStore, DeliveryErrorsAreWrittenInTheOrganisationsLanguage) {
    struct Case {
        std::string language;
        std::string not_configured;
        std::string internal_error;
    };
    for (const Case& expected : {Case{"en", "no SMS provider is set up", "internal error while sending"},
                                 Case{"ru", "SMS-провайдер не настроен", "внутренняя ошибка при отправке"}}) {
        SCOPED_TRACE(expected.language);
        ASSERT_TRUE(
            auth::SettingsService(db()).UpdateUnchecked(auth::SettingsPatch{.language = expected.language}));
        // The channel transport's own error: no SMS settings are stored.
        ChannelTransport channels(db(), clock_);
        const std::int64_t unconfigured = Add(Sms(), clock_.Now());
        {
            DeliveryWorker worker(db(), clock_, channels, FastOptions());
            worker.Start();
            ASSERT_TRUE(Eventually([&] { return StateOf(unconfigured) == MessageState::kFailed; }));
            worker.Stop();
        }
        EXPECT_EQ(Load(unconfigured).last_error, expected.not_configured);
        // The worker's own error, for a transport that throws.
        transport_.answer = [](const Message&) -> DeliveryResult {
            throw std::runtime_error("socket exploded");
        };
        const std::int64_t throws = Add(Sms(), clock_.Now());
        {
            DeliveryWorker worker(db(), clock_, transport_, FastOptions());
            worker.Start();
            ASSERT_TRUE(Eventually([&] { return StateOf(throws) == MessageState::kRetrying; }));
            worker.Stop();
        }
        EXPECT_EQ(Load(throws).last_error, expected.internal_error);
    }
}

// A transport that holds every delivery until opened.
class GateTransport final : public Transport {
public:
    DeliveryResult Deliver(const Message&, Language) override {
        std::unique_lock lock(mutex_);
        ++entered_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return open_; });
        return {.outcome = Outcome::kSent, .provider_id = {}, .error = {}};
    }
    bool WaitEntered(int n) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(60), [&] { return entered_ >= n; });
    }
    void Open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    int Entered() {
        std::lock_guard lock(mutex_);
        return entered_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int entered_ = 0;
    bool open_ = false;
};

// Stop may begin a moment after the gate opens (the two race), so a few more deliveries than the
// two in flight can finish; what must hold is that every message is either sent once or back in
// the queue with its attempt uncounted, and that nothing else was handed to the transport.
TEST_P(OutboxStore, StopFinishesDeliveriesInFlightAndHandsBackTheRest) {
    constexpr int kMessages = 200;
    const auto ids = AddMany(kMessages, clock_.Now());
    GateTransport gate;
    DeliveryOptions options = FastOptions();
    options.threads = 2;
    options.batch = kMessages;
    DeliveryWorker worker(db(), clock_, gate, options);
    worker.Start();
    ASSERT_TRUE(gate.WaitEntered(2));
    std::thread stopper([&] { worker.Stop(); });
    // Stop waits for the deliveries in flight; let them finish.
    gate.Open();
    stopper.join();
    int sent = 0, queued = 0;
    for (const auto id : ids) {
        const Message m = Load(id);
        if (m.state == MessageState::kSent) {
            ++sent;
            EXPECT_EQ(m.attempts, 1);
        } else {
            EXPECT_EQ(m.state, MessageState::kQueued);
            EXPECT_EQ(m.attempts, 0);
            ++queued;
        }
    }
    EXPECT_GE(sent, 2);
    EXPECT_EQ(sent, gate.Entered());
    EXPECT_EQ(sent + queued, kMessages);
    std::cout << "[          ] stopped with " << sent << " sent, " << queued << " handed back\n";
}

TEST_P(OutboxStore, TwoWorkersOnTwoDatabasesDeliverEveryMessageOnce) {
    constexpr int kMessages = 2000;
    const auto ids = AddMany(kMessages, clock_.Now());
    auto other_db = OpenAnother();
    FakeTransport other_transport;
    DeliveryWorker first(db(), clock_, transport_, FastOptions());
    DeliveryWorker second(*other_db, clock_, other_transport, FastOptions());
    first.Start();
    second.Start();
    ASSERT_TRUE(Eventually([&] { return transport_.Total() + other_transport.Total() >= kMessages; }));
    ASSERT_TRUE(Eventually([&] { return AllIn(ids, MessageState::kSent); }));
    first.Stop();
    second.Stop();
    const auto a = transport_.Deliveries();
    const auto b = other_transport.Deliveries();
    std::cout << "[          ] worker 1 delivered " << a.size() << ", worker 2 " << b.size() << "\n";
    for (const auto id : ids) {
        const int times = (a.count(id) ? a.at(id) : 0) + (b.count(id) ? b.at(id) : 0);
        ASSERT_EQ(times, 1) << "message " << id;
    }
    EXPECT_EQ(transport_.Total() + other_transport.Total(), kMessages);
}

// Not a timed assertion: prints the rate for docs/benchmarks.md-style comparison.
TEST_P(OutboxStore, WorkerDeliveryRateToAnInstantPeer) {
    constexpr int kMessages = 3000;
    const auto ids = AddMany(kMessages, clock_.Now());
    DeliveryWorker worker(db(), clock_, transport_, FastOptions());
    const auto started = std::chrono::steady_clock::now();
    worker.Start();
    ASSERT_TRUE(Eventually([&] { return transport_.Total() >= kMessages; }));
    ASSERT_TRUE(Eventually([&] { return AllIn({ids.back()}, MessageState::kSent); }));
    worker.Stop();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_TRUE(AllIn(ids, MessageState::kSent));
    std::cout << "[          ] " << kMessages << " messages in " << seconds << " s: " << kMessages / seconds
              << " messages/s\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxStore, ::testing::ValuesIn(test::AllBackends()),
                         test::BackendParamName);

}  // namespace
}  // namespace voronka::messaging
