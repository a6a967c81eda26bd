// The engine's decisions as pure functions over plain values: whether a rule's firing becomes a
// job (DecideFiring), whether a pending job is cancelled by a change of its record (DecideCancel),
// and what to do with a claimed job (JudgeJob). The dispatcher and the executor load what these
// weigh and write what they answer; the reasons are run-log texts of the catalogue
// (core/catalogue.hpp). Owned by automation. Pure, hence thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "automation/jobs.hpp"
#include "automation/model.hpp"
#include "automation/rule.hpp"
#include "automation/sight.hpp"
#include "core/catalogue.hpp"
#include "core/time.hpp"

namespace voronka::automation {

// Events caused by this many chained automation actions fire no rule; the run log says so.
inline constexpr int kMaxChainDepth = 5;

// A record's current facts (automation/record_facts.hpp), loaded when first asked for; nullopt
// when the record is deleted.
using FactsFn = std::function<const std::optional<nlohmann::json>&()>;

enum class FiringVerdict {
    kIgnore,      // the record is outside the rule's sight: nothing is written, not even a run
    kRefuse,      // the rule may not act now (its author lost the sight): a "refused" run says why
    kChainLimit,  // the event comes from too long a chain of rules: a "chain_limit" run says so
    kDrop,        // due now but the record no longer qualifies: no job, no run
    kWriteJob,    // a pending job, judged again when due (JudgeJob)
};

struct FiringDecision {
    FiringVerdict verdict = FiringVerdict::kWriteJob;
    std::optional<Text> reason;  // for kRefuse (the sight's refusal) and kChainLimit
};

// What becomes of a rule's planned firing (PlanFiring, PlanOverdue) for a record, in this order:
//   1. a rule that does not see the whole organisation ignores a record outside its scope or
//      deleted (MayActOn);
//   2. a rule whose sight is refused is refused, with the refusal;
//   3. an event at chain depth kMaxChainDepth or deeper stops the chain (kRunChainLimit);
//   4. a firing due by `now` is dropped when the record is deleted, its guard applies
//      (GuardApplies) and no longer holds, or the rule's conditions fail;
//   5. otherwise a job is written.
// `facts` is asked only when needed (steps 1 and 4).
FiringDecision DecideFiring(const Rule& rule, const Firing& firing, const Sight& sight, int depth,
                            UnixTime now, const FactsFn& facts);

// Why a pending job is cancelled after a change of its record, or nullopt when it stays: a
// deleted record cancels it (kRunRecordDeleted); so does a guard that applies (GuardApplies by
// the rule's delay and trigger) and no longer holds (CancelReason). An unreadable (discarded)
// guard keeps the job of an existing record.
std::optional<Text> DecideCancel(const nlohmann::json& guard, std::int64_t delay_seconds, bool stage_overdue,
                                 const std::optional<nlohmann::json>& facts);

enum class JobVerdict {
    kRun,     // perform its actions from job.next_action
    kGiveUp,  // failed: it was started too many times
    kCancel,  // cancelled: it should no longer run
    kSkip,    // done without acting: the rule's conditions fail
};

struct JobJudgement {
    JobVerdict verdict = JobVerdict::kRun;
    std::optional<Text> reason;  // the run log's detail; nullopt for kRun
};

// What to do with a claimed rule job, in this order:
//   1. started more than kMaxJobAttempts times: give up (kRunGaveUp);
//   2. its rule deleted (null) or disabled: cancel (kRunRuleOff);
//   3. its record deleted (facts nullopt): cancel (kRunRecordDeleted);
//   4. the rule's sight refused: cancel with the refusal;
//   5. the record outside the rule's scope: cancel (kRunOutOfSight);
//   6. its guard applies and no longer holds: cancel (CancelReason);
//   7. no action done yet and the rule's conditions fail: skip (kRunConditionsFailed) — a job
//      resumed after a crash does not weigh them again;
//   8. otherwise run.
// `sight` is asked only for an enabled rule and an existing record.
JobJudgement JudgeJob(const Job& job, const Rule* rule, const std::optional<nlohmann::json>& facts,
                      const std::function<const Sight&()>& sight);

}  // namespace voronka::automation
