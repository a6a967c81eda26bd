// The dispatcher of the automation engine: turns domain events (crm/events.hpp) into durable jobs,
// one per rule, record and occurrence, due when the rule's trigger and delay say (PlanFiring), and
// fires the stage_overdue rules for passed stage deadlines (PlanOverdue). Owned by automation.
// Thread-safe as a function: several dispatchers may run on one database; on PostgreSQL they claim
// events with FOR UPDATE SKIP LOCKED. A RuleCache belongs to one thread.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "automation/decisions.hpp"
#include "automation/jobs.hpp"
#include "automation/model.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::automation {

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

// Dispatches up to `max` unprocessed events in id order in one transaction: writes the jobs the
// enabled rules plan for them (and the built-in notice of an overdue department-queue task),
// cancels pending jobs of their records whose guard no longer holds (DecideCancel), marks them
// processed. What becomes of each firing DecideFiring says: a firing due now gets a job only when
// the record still meets the guard and the rule's conditions (a later one is checked when due). Then, in the
// same transaction, fires the stage_overdue rules for the stage deadlines passed since the previous call
// (PlanOverdue). `rules` may be null: the rules are then read for this call only.
StepResult DispatchEvents(store::Database& db, const Clock& clock, int max = 200, RuleCache* rules = nullptr);

}  // namespace voronka::automation
