// The executor of the automation engine: claims due jobs, checks that each still should run (its
// rule, record, sight, guard and conditions), performs the actions of those that should, and
// records each outcome in the run log (automation_runs). Messages are written to the outbox in the
// transaction that records the action; workers deliver them. A failing action fails its run,
// never the change that fired it (that change committed long before). Owned by automation.
// Thread-safe as a function: several executors may run on one database; on PostgreSQL they claim
// jobs with FOR UPDATE SKIP LOCKED, and a job's lease (claimed_until) fences a runner that lost it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>

#include "automation/jobs.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace voronka::automation {

// Runs up to `max` jobs due by the clock's now (and jobs whose runner died: a `running` job past
// its lease is taken again and resumes at its first action not done). One transaction claims and
// checks them all; then each job's actions run, those that write only rows together in one
// transaction with the job's progress.
StepResult RunDueJobs(store::Database& db, const Clock& clock, int max = 50, std::int64_t lease_seconds = 60);

// "Run together, fall back one by one", for units of work (a job's actions, jobs) that should
// share one transaction but must not fail each other. Calls `run(0, count)` once (all units
// together); when it throws, calls `run(k, k + 1)` for each unit in order, and passes a unit
// that throws again to `failed(k, error)` before going on with the next. A LostClaim thrown by
// a unit alone propagates (its runner must stop); from the units together it only means one of
// them lost its claim, so they are run alone. `what` names the units in the log.
void RunTogetherOrOneByOne(std::size_t count,
                           const std::function<void(std::size_t from, std::size_t to)>& run,
                           const std::function<void(std::size_t unit, const std::exception& error)>& failed,
                           std::string_view what);

}  // namespace voronka::automation
