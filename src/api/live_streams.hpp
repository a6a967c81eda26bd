// The event streams of GET /api/v1/stream (server-sent events): each signed-in tab holds one, and
// hears small hints — `record` (a record it may see changed), `task` (a task given to its user or
// their department's queue), `notification` (a new notification of its user),
// `notification_read` (one of its user's notifications was read, e.g. in another tab) — then
// refetches through the API. One poller reads the live feed (automation/live_feed.hpp) for all streams, and
// only while a stream is open. Owned by api; the LiveStreams outlives the server that writes its
// streams. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "api/http.hpp"
#include "auth/model.hpp"
#include "automation/live_feed.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace voronka::api {

struct LiveStreamOptions {
    // How often the feed is read while a stream is open. Default 1 s; lower it only for tests.
    std::chrono::milliseconds poll_interval{1000};
    // Open streams per user at most (tabs and devices); one more answers 429. Default 8.
    int max_per_user = 8;
    // How long a browser waits before reconnecting a stream that ended (the `retry:` field).
    std::chrono::milliseconds retry{5000};
};

class LiveStreams {
public:
    LiveStreams(store::Database& db, const Clock& clock);
    ~LiveStreams();
    LiveStreams(const LiveStreams&) = delete;
    LiveStreams& operator=(const LiveStreams&) = delete;

    // Starts the poller with these options. Until then streams open but hear nothing.
    void Start(LiveStreamOptions options);
    // Stops the poller; idempotent. Open streams stay open (the server ends them).
    void Stop();

    // A stream of the hints `principal` may hear from now on, starting with its `retry:` field;
    // nullptr when the user has max_per_user streams open already.
    std::shared_ptr<ResponseStream> Open(const auth::Principal& principal);

private:
    class Stream;
    void Run();
    void Forget(const Stream* stream);

    automation::LiveFeed feed_;
    LiveStreamOptions options_;
    // Held while the feed is read, so that a stream opening first skips the feed to now.
    std::mutex feed_mutex_;
    std::mutex mutex_;  // guards what follows
    std::condition_variable wake_;
    std::map<const Stream*, std::weak_ptr<Stream>> streams_;
    std::map<std::int64_t, int> open_per_user_;
    std::int64_t next_event_id_ = 1;
    bool stopping_ = false;
    std::thread poller_;
};

}  // namespace voronka::api
