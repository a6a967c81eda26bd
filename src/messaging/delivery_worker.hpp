// The delivery workers: claim due messages from the outbox, deliver them through a Transport on a
// few threads, and record the outcomes. Owned by messaging; started and stopped by app (`voronka
// serve`). Several DeliveryWorkers, in one process or several, may run against one database:
// claims are disjoint (outbox.hpp). Start/Stop/Wake are thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "core/catalogue.hpp"
#include "core/time.hpp"
#include "messaging/backoff.hpp"
#include "messaging/message.hpp"
#include "messaging/outbox.hpp"
#include "store/database.hpp"

namespace voronka::messaging {

struct DeliveryOptions {
    // Deliveries running at once (threads calling Transport::Deliver). Raise for slow peers.
    int threads = 4;
    // The most messages held claimed by this worker at a time (delivering or waiting to); one
    // claim and one commit of results serve up to this many messages.
    int batch = 32;
    // How long a claim holds a message. A message still `sending` after its lease is taken to be
    // interrupted (a crash) and is sent again.
    std::int64_t lease_seconds = 180;
    // The longest one attempt can take (the transport's longest timeout: SMTP's 60 s). An attempt
    // starts only while at least this much of its lease is left, so that no message is ever being
    // sent past its lease, when another claimer could send it too.
    std::int64_t attempt_seconds = 60;
    // How often an idle worker looks for due messages (retries, other processes' messages)
    // without being woken.
    std::chrono::milliseconds poll{250};
    // Retry delays and the number of attempts.
    BackoffPolicy backoff;
};

class DeliveryWorker {
public:
    // `db`, `clock` and `transport` must outlive the worker.
    DeliveryWorker(store::Database& db, const Clock& clock, Transport& transport,
                   DeliveryOptions options = {});
    DeliveryWorker(const DeliveryWorker&) = delete;
    DeliveryWorker& operator=(const DeliveryWorker&) = delete;
    // Stops the worker if it runs.
    ~DeliveryWorker();

    // Starts the threads; does nothing when already started.
    void Start();
    // Stops claiming, lets the deliveries in flight finish and records their outcomes, gives the
    // claimed messages not yet handed to the transport back to the queue, and joins the threads.
    // Bounded by the transport's longest attempt. Does nothing when not started.
    void Stop();
    // Looks for due messages now instead of at the next poll; call after committing a
    // transaction that queued messages.
    void Wake();

private:
    struct Claimed {
        Message message;
        UnixTime lease_until = 0;
        // The organisation's language when the message was claimed: its delivery error's.
        Language language = Language::kRussian;
    };

    void Coordinate();
    void Deliver();
    // One claim when there is room; answers whether it claimed anything.
    bool ClaimMore();
    // Records the outcomes collected so far; answers whether there were any.
    bool Flush();
    // Logs and swallows a failure of the database, so that one bad transaction stops nothing.
    template <typename F>
    bool Guarded(const char* what, F&& work);

    store::Database& db_;
    const Clock& clock_;
    Transport& transport_;
    const DeliveryOptions options_;

    std::mutex lifecycle_;                 // serialises Start and Stop
    std::mutex mutex_;                     // guards what follows
    std::condition_variable work_ready_;   // delivery threads: a message is waiting, or stopping
    std::condition_variable coordinator_;  // the coordinator: woken, results waiting, or stopping
    std::deque<Claimed> waiting_;          // claimed, not yet handed to the transport
    std::vector<Completion> done_;         // outcomes not yet recorded
    bool flush_failed_ = false;            // the last recording of outcomes failed
    int in_flight_ = 0;                    // deliveries running now
    bool woken_ = false;
    bool stopping_ = false;
    bool running_ = false;
    std::thread coordinator_thread_;
    std::vector<std::thread> delivery_threads_;
};

}  // namespace voronka::messaging
