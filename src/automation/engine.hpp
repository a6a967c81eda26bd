// The automation engine: a background thread that runs the dispatcher (automation/dispatcher.hpp:
// domain events become durable jobs) and the executor (automation/executor.hpp: due jobs are
// checked and their actions performed, each outcome in the run log). The actions themselves are
// in automation/actions.hpp, the jobs' rows in automation/jobs.hpp. Time comes from the injected
// Clock only, so tests drive the scheduler without sleeps (calling DispatchEvents and RunDueJobs).
// Owned by automation. Thread-safe: several engines (threads or processes) may run on one
// database; on PostgreSQL they claim events and jobs with FOR UPDATE SKIP LOCKED.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "automation/dispatcher.hpp"
#include "automation/executor.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace voronka::automation {

struct EngineOptions {
    std::chrono::milliseconds poll{200};  // how often to look for events and due jobs
    // After a round that found work, the next waits this long, so that under load one round takes
    // the events and jobs of many requests in a few transactions instead of a few each.
    std::chrono::milliseconds batch_window{25};
    std::function<void()> on_messages_queued;  // e.g. DeliveryWorker::Wake
};

// Runs DispatchEvents and RunDueJobs on one background thread until stopped.
class Engine {
public:
    Engine(store::Database& db, const Clock& clock, EngineOptions options);
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;
    ~Engine();

    void Start();
    // Finishes the job in hand and returns.
    void Stop();
    // Looks for work now instead of at the next poll.
    void Wake();

private:
    void Loop();

    store::Database& db_;
    const Clock& clock_;
    EngineOptions options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    RuleCache rules_;  // used by the engine's thread only
    std::thread thread_;
};

}  // namespace voronka::automation
