#include "api/live_streams.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <functional>
#include <string>
#include <utility>

#include "crm/model.hpp"

namespace voronka::api {
namespace {

using automation::LiveHint;

// One hint as an event of the stream; `id` numbers the events of this server.
std::string EventText(const LiveHint& hint, std::int64_t id) {
    std::string text = "id: " + std::to_string(id) + "\n";
    switch (hint.kind) {
        case LiveHint::Kind::kRecord:
        case LiveHint::Kind::kTask:
            text += hint.kind == LiveHint::Kind::kRecord ? "event: record\n" : "event: task\n";
            text += R"(data: {"type":")";
            text += crm::RecordTypeName(hint.record_type);
            text += R"(","id":)" + std::to_string(hint.record_id) + "}\n\n";
            break;
        case LiveHint::Kind::kNotification:
        case LiveHint::Kind::kNotificationRead:
            text += hint.kind == LiveHint::Kind::kNotification ? "event: notification\n"
                                                               : "event: notification_read\n";
            text += R"(data: {"id":)" + std::to_string(hint.notification_id) + "}\n\n";
            break;
    }
    return text;
}

}  // namespace

// One open stream: what waits to be written, and how to wake its connection.
class LiveStreams::Stream final : public ResponseStream {
public:
    Stream(LiveStreams& owner, auth::Principal principal, std::string first)
        : owner_(owner), principal_(std::move(principal)), pending_(std::move(first)) {}

    void Open(std::function<void()> wake) override {
        std::lock_guard lock(mutex_);
        wake_ = std::move(wake);
    }

    std::string Take() override {
        std::lock_guard lock(mutex_);
        return std::exchange(pending_, {});
    }

    void Close() override {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
            wake_ = nullptr;
        }
        owner_.Forget(this);
    }

    void Push(const std::string& text) {
        std::function<void()> wake;
        {
            std::lock_guard lock(mutex_);
            if (closed_) return;
            pending_ += text;
            wake = wake_;
        }
        if (wake) wake();
    }

    const auth::Principal& principal() const { return principal_; }

private:
    LiveStreams& owner_;
    const auth::Principal principal_;
    std::mutex mutex_;
    std::string pending_;
    std::function<void()> wake_;
    bool closed_ = false;
};

LiveStreams::LiveStreams(store::Database& db, const Clock& clock) : feed_(db, clock) {}

LiveStreams::~LiveStreams() {
    Stop();
}

void LiveStreams::Start(LiveStreamOptions options) {
    std::lock_guard lock(mutex_);
    if (poller_.joinable()) return;
    options_ = options;
    poller_ = std::thread([this] { Run(); });
}

void LiveStreams::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (poller_.joinable()) poller_.join();
}

std::shared_ptr<ResponseStream> LiveStreams::Open(const auth::Principal& principal) {
    std::lock_guard feed_lock(feed_mutex_);
    std::lock_guard lock(mutex_);
    int& open = open_per_user_[principal.user.id];
    if (open >= options_.max_per_user) return nullptr;
    // Nobody listened, so the feed was not read: what was written meanwhile is nobody's news.
    if (streams_.empty()) feed_.SkipToNow();
    ++open;
    auto stream = std::make_shared<Stream>(*this, principal,
                                           "retry: " + std::to_string(options_.retry.count()) + "\n\n");
    streams_.emplace(stream.get(), stream);
    return stream;
}

void LiveStreams::Forget(const Stream* stream) {
    std::lock_guard lock(mutex_);
    if (streams_.erase(stream) == 0) return;
    const auto it = open_per_user_.find(stream->principal().user.id);
    if (it != open_per_user_.end() && --it->second <= 0) open_per_user_.erase(it);
}

void LiveStreams::Run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; })) {
        if (streams_.empty()) continue;
        lock.unlock();
        std::vector<LiveHint> hints;
        {
            std::lock_guard feed_lock(feed_mutex_);
            try {
                hints = feed_.Poll();
            } catch (const std::exception& e) {
                spdlog::warn("live streams: reading the feed failed: {}", e.what());
            }
        }
        std::vector<std::shared_ptr<Stream>> open;
        lock.lock();
        for (const auto& [raw, weak] : streams_) {
            if (auto stream = weak.lock()) open.push_back(std::move(stream));
        }
        std::vector<std::string> texts;
        texts.reserve(hints.size());
        for (const auto& hint : hints) texts.push_back(EventText(hint, next_event_id_++));
        lock.unlock();
        for (const auto& stream : open) {
            std::string text;
            for (std::size_t i = 0; i < hints.size(); ++i) {
                if (automation::Hears(stream->principal(), hints[i])) text += texts[i];
            }
            if (!text.empty()) stream->Push(text);
        }
        open.clear();  // the last reference may go here: Forget() takes the lock
        lock.lock();
    }
}

}  // namespace voronka::api
