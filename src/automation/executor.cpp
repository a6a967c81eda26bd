#include "automation/executor.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "auth/settings_service.hpp"
#include "automation/actions.hpp"
#include "automation/decisions.hpp"
#include "automation/notifications.hpp"
#include "automation/record_facts.hpp"
#include "automation/rule.hpp"
#include "automation/rule_service.hpp"
#include "automation/sight.hpp"
#include "automation_sql.hpp"
#include "core/catalogue.hpp"
#include "crm/events.hpp"
#include "messaging/format.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;
using store::Param;

// A claimed rule job that passed its checks, with what its actions need.
struct Plan {
    Job job;
    Rule rule;
    store::Scope sight;
    Json facts;
    std::int64_t run_id = 0;
    Json actions = Json::array();  // the outcomes of the actions done so far
};

// Inside the claim's transaction: the checks of a rule job (JudgeJob). Finishes a job given up,
// cancelled or skipped, with the reason in its run; answers the plan of the others, with their run.
std::optional<Plan> PlanJob(store::Transaction& tx, const Job& job,
                            std::map<std::int64_t, std::optional<Rule>>& rules, SightsOf& sights,
                            Language language, UnixTime now) {
    auto cached = rules.find(*job.rule_id);
    if (cached == rules.end()) cached = rules.emplace(*job.rule_id, LoadRule(tx, *job.rule_id)).first;
    const std::optional<Rule>& rule = cached->second;
    Plan plan{.job = job};
    if (const auto existing = tx.FetchOne(sql::kEngineRunOfJob, {Param(job.id)})) {
        store::ReadRow(*existing, [&](store::RowReader& r) {
            plan.run_id = r.Int();
            plan.actions = Json::parse(r.Text(), nullptr, false);
            return 0;
        });
        if (!plan.actions.is_array()) plan.actions = Json::array();
    } else {
        plan.run_id =
            InsertRun(tx, job.rule_id, job.id, job.record_type, job.record_id, now, "running", std::nullopt);
    }
    const auto facts = LoadRecordFacts(tx, job.record_type, job.record_id);
    const Rule* current = rule ? &*rule : nullptr;
    const auto judgement = JudgeJob(job, current, facts, [&]() -> const Sight& { return sights(*rule); });
    switch (judgement.verdict) {
        case JobVerdict::kGiveUp:
            FinishRun(tx, job, plan.run_id, "failed", "failed",
                      Say(language, *judgement.reason, kMaxJobAttempts), plan.actions, now);
            return std::nullopt;
        case JobVerdict::kCancel:
            FinishRun(tx, job, plan.run_id, "cancelled", "cancelled", Say(language, *judgement.reason),
                      plan.actions, now);
            return std::nullopt;
        case JobVerdict::kSkip:
            FinishRun(tx, job, plan.run_id, "done", "skipped", Say(language, *judgement.reason), plan.actions,
                      now);
            return std::nullopt;
        case JobVerdict::kRun: break;
    }
    plan.rule = *rule;
    plan.sight = sights(*rule).scope;
    plan.facts = *facts;
    return plan;
}

// Records the progress of a job after its action `done - 1`, and finishes it after the last.
void RecordProgress(store::Transaction& tx, const Plan& plan, const Json& actions, std::size_t done,
                    UnixTime now) {
    if (tx.Execute(sql::kEngineJobProgress, {Param(plan.job.id), Param(static_cast<std::int64_t>(done)),
                                             Param(plan.job.claimed_until)}) == 0) {
        throw LostClaim(plan.job.id);
    }
    if (done < plan.rule.actions.size()) {
        tx.Execute(sql::kEngineRunUpdate, {Param(plan.run_id), Param("running"),
                                           Param(std::optional<std::string>{}), Param(actions.dump())});
        return;
    }
    const bool failed = std::any_of(actions.begin(), actions.end(),
                                    [](const Json& a) { return a.value("outcome", "") == "failed"; });
    FinishRun(tx, plan.job, plan.run_id, "done", failed ? "failed" : "ok", std::nullopt, actions, now);
}

// Inside `tx`: performs a job's actions [from, to) (all InTransaction) after the outcomes in
// `outcomes`, appending theirs, and records its progress. Answers whether messages were queued.
bool PerformInTransaction(store::Transaction& tx, const RunContext& run, const Plan& plan, Json& outcomes,
                          std::size_t from, std::size_t to, UnixTime now) {
    bool queued = false;
    for (std::size_t i = from; i < to; ++i) {
        const auto outcome = RunInTransaction(tx, run, plan.rule.actions[i], now);
        outcomes.push_back(outcome.entry);
        queued = queued || outcome.queued;
    }
    RecordProgress(tx, plan, outcomes, to, now);
    return queued;
}

// Performs the actions of a planned job from its first not done. Consecutive actions that write
// only rows go in one transaction with the job's progress (and its finish after the last); when
// that transaction fails, they are taken one by one (RunTogetherOrOneByOne) so that the failing
// one is recorded as failed and the others still run. Answers whether messages were queued.
bool RunActions(store::Database& db, const Clock& clock, const auth::Settings& settings, Plan& plan) {
    const auto& actions = plan.rule.actions;
    RunContext run{db, clock, settings, plan.rule, plan.job, plan.facts, plan.run_id, plan.sight};
    bool queued = false;
    const std::string internal_error = Say(LanguageOf(settings.language), Text::kActionInternalError);
    // Changes made by the actions are events one step deeper in the chain.
    const crm::AutomationCause cause(plan.job.depth + 1);
    std::size_t i = static_cast<std::size_t>(plan.job.next_action);
    if (i >= actions.size()) {
        db.Write([&](store::Transaction& tx) {
            RecordProgress(tx, plan, plan.actions, actions.size(), clock.Now());
        });
        return false;
    }
    // Records an action's failure by an exception (its transaction rolled back) as its outcome.
    auto record_failure = [&](std::size_t action, const std::exception& e) {
        spdlog::error("automation: rule {} action {} on {} {} failed: {}", plan.rule.id, action,
                      crm::RecordTypeName(plan.job.record_type), plan.job.record_id, e.what());
        db.Write([&](store::Transaction& tx) {
            plan.actions.push_back(Failed(actions[action], internal_error).entry);
            RecordProgress(tx, plan, plan.actions, action + 1, clock.Now());
        });
    };
    while (i < actions.size()) {
        if (!InTransaction(actions[i])) {
            ActionOutcome outcome;
            try {
                outcome = ChangeRecord(run, actions[i]);
            } catch (const LostClaim&) {
                throw;
            } catch (const std::exception& e) {
                spdlog::error("automation: rule {} action {} failed: {}", plan.rule.id, i, e.what());
                outcome = Failed(actions[i], internal_error);
            }
            db.Write([&](store::Transaction& tx) {
                plan.actions.push_back(outcome.entry);
                RecordProgress(tx, plan, plan.actions, i + 1, clock.Now());
            });
            ++i;
            continue;
        }
        const std::size_t first = i;
        std::size_t end = i;
        while (end < actions.size() && InTransaction(actions[end])) ++end;
        RunTogetherOrOneByOne(
            end - first,
            [&](std::size_t from, std::size_t to) {
                Json outcomes;
                bool group_queued = false;
                db.Write([&](store::Transaction& tx) {
                    outcomes = plan.actions;
                    group_queued =
                        PerformInTransaction(tx, run, plan, outcomes, first + from, first + to, clock.Now());
                });
                plan.actions = std::move(outcomes);
                queued = queued || group_queued;
            },
            [&](std::size_t unit, const std::exception& e) { record_failure(first + unit, e); },
            fmt::format("rule {} actions {}..{}", plan.rule.id, first, end - 1));
        i = end;
    }
    return queued;
}

// The built-in notice: the department's head and the record's owner are notified, and the
// record's timeline gets a note.
void RunQueueOverdue(store::Database& db, const Clock& clock, const auth::Settings& settings,
                     const Job& job) {
    db.Write([&](store::Transaction& tx) {
        const UnixTime now = clock.Now();
        const auto task_id = job.guard.value("task_id", std::int64_t{0});
        struct QueueTask {
            std::string subject;
            UnixTime due_at = 0;
            bool open = false;
            std::string department;
            std::optional<std::int64_t> head;
        };
        std::optional<QueueTask> task;
        if (const auto row = tx.FetchOne(sql::kEngineQueueTask, {Param(task_id)})) {
            task = store::ReadRow(*row, [](store::RowReader& r) {
                QueueTask t;
                t.subject = r.Text();
                t.due_at = r.Int();
                const bool done = r.OptInt().has_value();
                const bool deleted = r.OptInt().has_value();
                t.open = !done && !deleted;
                t.department = r.Text();
                t.head = r.OptInt();
                return t;
            });
        }
        const bool holds = task && task->open && task->due_at == job.guard.value("due_at", std::int64_t{0});
        const auto facts = holds ? LoadRecordFacts(tx, job.record_type, job.record_id) : std::nullopt;
        if (!facts) {
            FinishJob(tx, job, "cancelled", now);
            return;
        }
        const std::string when =
            messaging::FormatDateTime(task->due_at, settings.time_zone, settings.language);
        const std::string text = Say(LanguageOf(settings.language), Text::kQueueTaskOverdue, task->department,
                                     task->subject, when);
        std::set<std::int64_t> users;
        if (task->head) users.insert(*task->head);
        if (auto owner = facts->value("owner_id", std::int64_t{0}); owner != 0) users.insert(owner);
        for (auto user : users) {
            InsertNotification(tx,
                               NewNotification{.user_id = user,
                                               .kind = "queue_task_overdue",
                                               .text = text,
                                               .record_type = job.record_type,
                                               .record_id = job.record_id},
                               now);
        }
        tx.Insert(sql::kEngineSystemNoteInsert, {Param(crm::RecordTypeName(job.record_type)),
                                                 Param(job.record_id), Param(text), Param(now)});
        FinishJob(tx, job, "done", now);
    });
}

}  // namespace

void RunTogetherOrOneByOne(std::size_t count, const std::function<void(std::size_t, std::size_t)>& run,
                           const std::function<void(std::size_t, const std::exception&)>& failed,
                           std::string_view what) {
    if (count == 0) return;
    try {
        run(0, count);
        return;
    } catch (const std::exception& e) {
        spdlog::warn("automation: {} failed together, running them one by one: {}", what, e.what());
    }
    for (std::size_t k = 0; k < count; ++k) {
        try {
            run(k, k + 1);
        } catch (const LostClaim&) {
            throw;
        } catch (const std::exception& e) {
            failed(k, e);
        }
    }
}

StepResult RunDueJobs(store::Database& db, const Clock& clock, int max, std::int64_t lease_seconds) {
    const auth::Settings settings = auth::SettingsService(db).Get();
    const Language language = LanguageOf(settings.language);
    // One transaction claims the due jobs and checks them all; most jobs end there (skipped or
    // cancelled) without a transaction of their own.
    std::vector<Job> notices;
    std::vector<Plan> plans;
    const int claimed = db.Write([&](store::Transaction& tx) {
        const UnixTime now = clock.Now();
        const std::vector<Job> jobs = ClaimJobs(tx, now, lease_seconds, max);
        std::map<std::int64_t, std::optional<Rule>> rules;
        SightsOf sights(tx);
        for (const Job& job : jobs) {
            if (job.kind == kQueueOverdueJob || !job.rule_id) {
                notices.push_back(job);
            } else if (auto plan = PlanJob(tx, job, rules, sights, language, now)) {
                plans.push_back(std::move(*plan));
            }
        }
        return static_cast<int>(jobs.size());
    });
    StepResult result{.handled = claimed};
    for (const Job& job : notices) {
        try {
            RunQueueOverdue(db, clock, settings, job);
        } catch (const std::exception& e) {
            // Left `running`: taken again when its lease expires.
            spdlog::error("automation: job {} failed: {}", job.id, e.what());
        }
    }
    // A job on its own: its actions by RunActions; a failure leaves it `running`, taken again when
    // its lease expires.
    auto run_alone = [&](Plan& plan) {
        try {
            if (RunActions(db, clock, settings, plan)) result.messages_queued = true;
        } catch (const std::exception& e) {
            spdlog::error("automation: job {} failed: {}", plan.job.id, e.what());
        }
    };
    // Jobs whose remaining actions all write only rows run together in one transaction; when it
    // fails, each job runs on its own so that only the failing action is recorded as failed.
    std::vector<Plan*> together;
    std::vector<Plan*> alone;
    for (Plan& plan : plans) {
        const auto& actions = plan.rule.actions;
        const bool rows_only =
            std::all_of(actions.begin() + std::min<std::ptrdiff_t>(plan.job.next_action, actions.size()),
                        actions.end(), InTransaction);
        (rows_only ? together : alone).push_back(&plan);
    }
    RunTogetherOrOneByOne(
        together.size(),
        [&](std::size_t from, std::size_t to) {
            if (to - from == 1) return run_alone(*together[from]);
            std::vector<Json> outcomes(to - from);
            bool queued = false;
            db.Write([&](store::Transaction& tx) {
                const UnixTime now = clock.Now();
                queued = false;
                for (std::size_t k = from; k < to; ++k) {
                    Plan& plan = *together[k];
                    const RunContext run{db,       clock,      settings,    plan.rule,
                                         plan.job, plan.facts, plan.run_id, plan.sight};
                    const crm::AutomationCause cause(plan.job.depth + 1);
                    Json& done = outcomes[k - from];
                    done = plan.actions;
                    if (PerformInTransaction(tx, run, plan, done,
                                             static_cast<std::size_t>(plan.job.next_action),
                                             plan.rule.actions.size(), now)) {
                        queued = true;
                    }
                }
            });
            result.messages_queued = result.messages_queued || queued;
        },
        [](std::size_t, const std::exception&) {},  // run_alone logs its own failures
        fmt::format("{} jobs", together.size()));
    for (Plan* plan : alone) run_alone(*plan);
    return result;
}

}  // namespace voronka::automation
