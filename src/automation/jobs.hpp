// The engine's rows: durable jobs (automation_jobs), their runs in the run log (automation_runs),
// and the sight of a rule now, read inside the caller's transaction. Shared by the dispatcher,
// which writes jobs, and the executor, which claims and finishes them. Owned by automation.
// Stateless functions; SightsOf lives for one transaction.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "automation/model.hpp"
#include "automation/rule.hpp"
#include "automation/sight.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::automation {

// automation_jobs.kind: a rule's firing, or the built-in notice of an overdue department-queue task.
inline constexpr std::string_view kRuleJob = "rule";
inline constexpr std::string_view kQueueOverdueJob = "queue_overdue";

// What a step of the engine did (DispatchEvents, RunDueJobs).
struct StepResult {
    int handled = 0;               // events dispatched or jobs run
    bool messages_queued = false;  // the outbox has new messages to deliver
};

// Runs of one job after which it is given up (each ended by a crash or an internal error).
inline constexpr int kMaxJobAttempts = 5;

// A claimed job (engine_jobs_claim.*.sql).
struct Job {
    std::int64_t id = 0;
    std::string kind;
    std::optional<std::int64_t> rule_id;
    crm::RecordType record_type = crm::RecordType::kDeal;
    std::int64_t record_id = 0;
    int depth = 0;
    nlohmann::json guard;
    int next_action = 0;
    UnixTime due_at = 0;
    int attempts = 0;            // runs started, this one included
    UnixTime claimed_until = 0;  // this runner's lease: the token of its writes
};

// A runner whose lease ran out (another took the job over) stops: its transaction rolls back.
class LostClaim : public std::runtime_error {
public:
    explicit LostClaim(std::int64_t job);
};

// Claims up to `max` jobs due by `now` (and `running` jobs past their lease), leasing them until
// now + lease_seconds; in due order (due_at, then id).
std::vector<Job> ClaimJobs(store::Transaction& tx, UnixTime now, std::int64_t lease_seconds, int max);

// Writes a pending job unless one of the rule, record and occurrence exists (the statement
// ignores the duplicate).
void InsertJob(store::Transaction& tx, std::string_view kind, std::optional<std::int64_t> rule_id,
               crm::RecordType type, std::int64_t record_id, int depth, std::optional<std::int64_t> event_id,
               const Firing& firing, UnixTime now);

// Writes a row of the run log; answers its id.
std::int64_t InsertRun(store::Transaction& tx, std::optional<std::int64_t> rule_id,
                       std::optional<std::int64_t> job_id, crm::RecordType type, std::int64_t record_id,
                       UnixTime at, std::string_view outcome, std::optional<std::string> detail,
                       const nlohmann::json& actions = nlohmann::json::array());

// Ends a claimed job in `state` ("done", "cancelled", "failed"). Throws LostClaim when another
// runner holds the job now.
void FinishJob(store::Transaction& tx, const Job& job, std::string_view state, UnixTime now);

// Ends a claimed job and its run: FinishJob, then the run's outcome, detail and action outcomes.
void FinishRun(store::Transaction& tx, const Job& job, std::int64_t run_id, std::string_view state,
               std::string_view outcome, std::optional<std::string> detail, const nlohmann::json& actions,
               UnixTime now);

// The sight of a rule now (automation/sight.hpp), from its author's current row; once per rule and
// transaction.
class SightsOf {
public:
    explicit SightsOf(store::Transaction& tx) : tx_(tx) {}
    const Sight& operator()(const Rule& rule);

private:
    store::Transaction& tx_;
    std::map<std::int64_t, Sight> sights_;
};

}  // namespace voronka::automation
