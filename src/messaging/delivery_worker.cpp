#include "messaging/delivery_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "auth/settings_service.hpp"

namespace voronka::messaging {
namespace {

std::string_view OutcomeName(DeliveryResult::Outcome outcome) {
    switch (outcome) {
        case DeliveryResult::Outcome::kSent: return "sent";
        case DeliveryResult::Outcome::kTemporary: return "temporary failure";
        case DeliveryResult::Outcome::kPermanent: return "permanent failure";
    }
    return "?";
}

}  // namespace

DeliveryWorker::DeliveryWorker(store::Database& db, const Clock& clock, Transport& transport,
                               DeliveryOptions options)
    : db_(db), clock_(clock), transport_(transport), options_([&] {
          options.threads = std::max(options.threads, 1);
          options.batch = std::max(options.batch, 1);
          options.lease_seconds = std::max<std::int64_t>(options.lease_seconds, 1);
          return options;
      }()) {}

DeliveryWorker::~DeliveryWorker() {
    Stop();
}

void DeliveryWorker::Start() {
    std::lock_guard lifecycle(lifecycle_);
    if (running_) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        woken_ = true;  // look at once: messages may be due already
    }
    running_ = true;
    for (int i = 0; i < options_.threads; ++i) delivery_threads_.emplace_back([this] { Deliver(); });
    coordinator_thread_ = std::thread([this] { Coordinate(); });
}

void DeliveryWorker::Stop() {
    std::lock_guard lifecycle(lifecycle_);
    if (!running_) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    coordinator_.notify_all();
    for (auto& thread : delivery_threads_) thread.join();
    delivery_threads_.clear();
    coordinator_thread_.join();
    // Only this thread is left: record what was delivered, hand back what was not.
    Flush();
    std::vector<Completion> unsent;
    for (const auto& claimed : waiting_) {
        unsent.push_back(
            {.message_id = claimed.message.id, .attempt = claimed.message.attempts, .result = {}});
    }
    waiting_.clear();
    Guarded("release", [&] { Release(db_, unsent, clock_.Now()); });
    running_ = false;
}

void DeliveryWorker::Wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    coordinator_.notify_one();
}

template <typename F>
bool DeliveryWorker::Guarded(const char* what, F&& work) {
    try {
        work();
        return true;
    } catch (const std::exception& e) {
        spdlog::error("outbox: {} failed: {}", what, e.what());
        return false;
    }
}

void DeliveryWorker::Coordinate() {
    while (true) {
        const bool flushed = Flush();
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            woken_ = false;
        }
        const bool claimed = ClaimMore();
        if (flushed || claimed) continue;
        std::unique_lock lock(mutex_);
        // After a failed flush the outcomes wait for the next poll rather than retrying at once.
        coordinator_.wait_for(lock, options_.poll,
                              [&] { return woken_ || stopping_ || (!done_.empty() && !flush_failed_); });
    }
}

bool DeliveryWorker::ClaimMore() {
    int room = 0;
    {
        std::lock_guard lock(mutex_);
        // Claim only when the deliverers are about to run dry, so that claimed messages do not
        // wait long in this process while their lease runs.
        if (static_cast<int>(waiting_.size()) >= options_.threads) return false;
        room = options_.batch - static_cast<int>(waiting_.size()) - in_flight_;
    }
    if (room <= 0) return false;
    std::vector<Message> claimed;
    const UnixTime now = clock_.Now();
    if (!Guarded("claim", [&] { claimed = Claim(db_, room, now, options_.lease_seconds); })) return false;
    if (claimed.empty()) return false;
    // The organisation's language for the delivery errors, read once per claim (not per idle
    // poll). Should the read fail, the messages are still sent, their errors in Russian.
    Language language = Language::kRussian;
    Guarded("reading the language",
            [&] { language = LanguageOf(auth::SettingsService(db_).Get().language); });
    {
        std::lock_guard lock(mutex_);
        for (auto& message : claimed) {
            waiting_.push_back({.message = std::move(message),
                                .lease_until = now + options_.lease_seconds,
                                .language = language});
        }
    }
    work_ready_.notify_all();
    return true;
}

bool DeliveryWorker::Flush() {
    std::vector<Completion> results;
    {
        std::lock_guard lock(mutex_);
        results.swap(done_);
    }
    if (results.empty()) return false;
    const bool recorded = Guarded("recording outcomes", [&] {
        const int applied = Complete(db_, results, clock_.Now(), options_.backoff);
        if (applied < static_cast<int>(results.size())) {
            spdlog::warn("outbox: {} outcome(s) came after their lease and were ignored",
                         results.size() - static_cast<std::size_t>(applied));
        }
    });
    if (!recorded) {
        // Kept for the next flush: Complete applies an outcome only while its claim stands, so a
        // late retry cannot overwrite a newer attempt.
        spdlog::error("outbox: {} outcome(s) not recorded yet; retrying", results.size());
        std::lock_guard lock(mutex_);
        done_.insert(done_.begin(), std::make_move_iterator(results.begin()),
                     std::make_move_iterator(results.end()));
        flush_failed_ = true;
    } else {
        std::lock_guard lock(mutex_);
        flush_failed_ = false;
    }
    return recorded;
}

void DeliveryWorker::Deliver() {
    while (true) {
        Claimed claimed;
        {
            std::unique_lock lock(mutex_);
            work_ready_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            claimed = std::move(waiting_.front());
            waiting_.pop_front();
            ++in_flight_;
        }
        const Message& message = claimed.message;
        std::optional<Completion> completion;
        if (clock_.Now() + options_.attempt_seconds < claimed.lease_until) {
            DeliveryResult result;
            try {
                result = transport_.Deliver(message, claimed.language);
            } catch (const std::exception& e) {
                spdlog::error("outbox: message {} attempt {}: the transport threw: {}", message.id,
                              message.attempts, e.what());
                result = {.outcome = DeliveryResult::Outcome::kTemporary,
                          .provider_id = {},
                          .error = Say(claimed.language, Text::kDeliveryInternalError)};
            }
            if (result.outcome != DeliveryResult::Outcome::kSent) {
                spdlog::warn("outbox: {} message {} attempt {}: {}: {}", ChannelName(message.channel),
                             message.id, message.attempts, OutcomeName(result.outcome), result.error);
            }
            completion = Completion{
                .message_id = message.id, .attempt = message.attempts, .result = std::move(result)};
        }
        // else: too little of the lease is left for an attempt; the message is left alone and is
        // claimed again when the lease has run out.
        {
            std::lock_guard lock(mutex_);
            --in_flight_;
            if (completion) done_.push_back(std::move(*completion));
        }
        coordinator_.notify_one();
    }
}

}  // namespace voronka::messaging
