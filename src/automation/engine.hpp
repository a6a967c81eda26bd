// The automation engine. The dispatcher turns domain events (crm/events.hpp) into durable jobs,
// one per rule, record and occurrence, due when the rule's trigger and delay say (PlanFiring);
// the executor runs due jobs: it checks that the job's guard still holds (a delayed rule is
// cancelled when its record left the stage) and the rule's conditions, then performs the
// actions in order, recording each outcome in the run log (automation_runs). Messages are
// written to the outbox in the transaction that records the action; workers deliver them.
// A failing action fails its run, never the change that fired it (that change committed long
// before). Time comes from the injected Clock only, so tests drive the scheduler without sleeps.
// Owned by automation. Thread-safe: several engines (threads or processes) may run on one
// database; on PostgreSQL they claim events and jobs with FOR UPDATE SKIP LOCKED.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "automation/model.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::automation {

// Events caused by this many chained automation actions fire no rule; the run log says so.
inline constexpr int kMaxChainDepth = 5;

// The enabled rules by record type, parsed once and read again only when a rule was created,
// changed or deleted (one aggregate statement tells). Not thread-safe: one per engine thread.
class RuleCache {
public:
    // Forgets the rules when they changed since the last call; once per transaction that reads them.
    void Refresh(store::Transaction& tx);
    const std::vector<Rule>& Enabled(store::Transaction& tx, crm::RecordType type);

private:
    std::vector<std::int64_t> stamp_;
    std::map<crm::RecordType, std::vector<Rule>> rules_;
};

struct StepResult {
    int handled = 0;               // events dispatched or jobs run
    bool messages_queued = false;  // the outbox has new messages to deliver
};

// Dispatches up to `max` unprocessed events in id order in one transaction: writes the jobs the
// enabled rules plan for them (and the built-in notice of an overdue department-queue task),
// cancels pending jobs of their records whose guard no longer holds, marks them processed. A
// firing due now gets a job only when the record still meets the guard and the rule's conditions
// (a later one is checked when due). Then, in the same transaction, fires the stage_overdue rules
// for the stage deadlines passed since the previous call (PlanOverdue).
// `rules` may be null: the rules are then read for this call only.
StepResult DispatchEvents(store::Database& db, const Clock& clock, int max = 200, RuleCache* rules = nullptr);

// Runs up to `max` jobs due by the clock's now (and jobs whose runner died: a `running` job past
// its lease is taken again and resumes at its first action not done). One transaction claims and
// checks them all; then each job's actions run, those that write only rows together in one
// transaction with the job's progress.
StepResult RunDueJobs(store::Database& db, const Clock& clock, int max = 50, std::int64_t lease_seconds = 60);

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
