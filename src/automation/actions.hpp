// The actions of a rule: send_sms/send_email and webhook queue a message in the outbox, notify
// writes in-app notifications, create_task writes a task — all inside the caller's transaction —
// and change_owner/move_stage change the record through the crm services in transactions of
// their own. Every action stays inside the rule's sight (automation/sight.hpp). Owned by
// automation. Stateless.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/model.hpp"
#include "automation/jobs.hpp"
#include "automation/model.hpp"
#include "core/time.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::automation {

// What a job's actions need: the rule, the job, the record's facts when the job was checked, its
// run in the run log, the rule's sight.
struct RunContext {
    store::Database& db;
    const Clock& clock;
    const auth::Settings& settings;
    const Rule& rule;
    const Job& job;
    const nlohmann::json& facts;
    std::int64_t run_id = 0;
    const store::Scope& sight;  // the rule's sight (automation/sight.hpp): all its actions stay inside
};

struct ActionOutcome {
    nlohmann::json entry;  // {type, outcome, error?, message_id?, task_id?, notified?}
    bool queued = false;   // a message was queued for delivery
};

// The outcome of an action that failed with `error` (in the run log's words).
ActionOutcome Failed(const Action& action, std::string error);

// Whether an action writes only rows of the caller's transaction (RunInTransaction); the others
// (change_owner, move_stage) go through crm services (ChangeRecord).
bool InTransaction(const Action& action);

// Performs an action that InTransaction admits inside `tx`. An expected failure (a deleted
// template, a recipient without an address) is a failed outcome; infrastructure failures throw.
ActionOutcome RunInTransaction(store::Transaction& tx, const RunContext& run, const Action& action,
                               UnixTime now);

// Performs change_owner or move_stage through the crm service of the record's type (its checks,
// history, events), in the service's own transaction. A refusal is a failed outcome.
ActionOutcome ChangeRecord(const RunContext& run, const Action& action);

}  // namespace voronka::automation
