#include "automation/engine.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "auth/settings_service.hpp"
#include "automation/model.hpp"
#include "automation/notifications.hpp"
#include "automation/record_facts.hpp"
#include "automation/rule.hpp"
#include "automation/rule_service.hpp"
#include "automation/sight.hpp"
#include "automation_sql.hpp"
#include "crm/company_service.hpp"
#include "crm/contact_service.hpp"
#include "crm/deal_service.hpp"
#include "crm/events.hpp"
#include "crm/lead_service.hpp"
#include "crm/rules.hpp"
#include "crm/tasks_hooks.hpp"
#include "messaging/format.hpp"
#include "messaging/outbox.hpp"
#include "messaging/template.hpp"
#include "messaging/template_service.hpp"
#include "messaging/template_values.hpp"
#include "messaging/webhook.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;
using store::Param;

constexpr std::string_view kRuleJob = "rule";
constexpr std::string_view kQueueOverdueJob = "queue_overdue";

std::optional<EventKind> ParseEventKind(std::string_view name) {
    if (name == "record_created") return EventKind::kRecordCreated;
    if (name == "record_changed") return EventKind::kRecordChanged;
    if (name == "stage_entered") return EventKind::kStageEntered;
    if (name == "task_changed") return EventKind::kTaskChanged;
    return std::nullopt;
}

std::optional<Event> EventFromRow(const store::Row& row) {
    const auto kind = ParseEventKind(row.Text(1));
    const auto type = crm::ParseRecordType(row.Text(2));
    if (!kind || !type) return std::nullopt;
    Event event;
    event.id = row.Int(0);
    event.kind = *kind;
    event.record_type = *type;
    event.record_id = row.Int(3);
    event.data = Json::parse(row.Text(4), nullptr, false);
    event.depth = static_cast<int>(row.Int(5));
    event.by_user_id = row.OptInt(6);
    event.at = row.Int(7);
    return event;
}

std::int64_t InsertRun(store::Transaction& tx, std::optional<std::int64_t> rule_id,
                       std::optional<std::int64_t> job_id, crm::RecordType type, std::int64_t record_id,
                       UnixTime at, std::string_view outcome, std::optional<std::string> detail,
                       const Json& actions = Json::array()) {
    return tx.Insert(sql::kEngineRunInsert,
                     {Param(rule_id), Param(job_id), Param(crm::RecordTypeName(type)), Param(record_id),
                      Param(at), Param(outcome), Param(detail), Param(actions.dump())});
}

// The sight of a rule now (automation/sight.hpp), from its author's current row; once per rule and
// transaction.
class SightsOf {
public:
    explicit SightsOf(store::Transaction& tx) : tx_(tx) {}
    const Sight& operator()(const Rule& rule) {
        auto found = sights_.find(rule.id);
        if (found != sights_.end()) return found->second;
        std::optional<AuthorNow> author;
        if (rule.author_id) {
            const auto row = tx_.FetchOne(sql::kRuleAuthor, {Param(*rule.author_id)});
            // A user row is never deleted; a missing one reads as a deactivated author.
            author = AuthorNow{.id = *rule.author_id,
                               .role = row ? auth::ParseRole(row->Text(1)).value_or(auth::Role::kManager)
                                           : auth::Role::kManager,
                               .department_id = row ? row->OptInt(2) : std::nullopt,
                               .active = row && row->Bool(3)};
        }
        return sights_.emplace(rule.id, SightOf(rule.department_id, author)).first->second;
    }

private:
    store::Transaction& tx_;
    std::map<std::int64_t, Sight> sights_;
};

constexpr std::string_view kOutOfSight = "запись вне области правила";

// The current facts of an event's record, loaded once when first needed (nullopt: deleted).
class FactsOf {
public:
    FactsOf(store::Transaction& tx, const Event& event) : tx_(tx), event_(event) {}
    const std::optional<Json>& operator()() {
        if (!loaded_) {
            facts_ = LoadRecordFacts(tx_, event_.record_type, event_.record_id);
            loaded_ = true;
        }
        return facts_;
    }

private:
    store::Transaction& tx_;
    const Event& event_;
    bool loaded_ = false;
    std::optional<Json> facts_;
};

// Cancels the pending jobs of the event's record whose guard no longer holds.
void CancelBrokenJobs(store::Transaction& tx, const Event& event, FactsOf& facts_of, UnixTime now) {
    const auto rows = tx.Fetch(sql::kEngineJobsPendingOfRecord,
                               {Param(crm::RecordTypeName(event.record_type)), Param(event.record_id)});
    if (rows.empty()) return;
    const auto& facts = facts_of();
    for (const auto& row : rows) {
        const Json guard = Json::parse(row.Text(2), nullptr, false);
        if (facts &&
            (guard.is_discarded() || !GuardApplies(row.Int(3), row.Text(4) == "stage_overdue", guard) ||
             GuardHolds(guard, *facts))) {
            continue;
        }
        if (tx.Execute(sql::kEngineJobCancelPending, {Param(row.Int(0)), Param(now)}) == 0) continue;
        if (auto rule_id = row.OptInt(1)) {
            InsertRun(tx, rule_id, row.Int(0), event.record_type, event.record_id, now, "cancelled",
                      facts ? CancelReason(guard) : std::string("запись удалена"));
        }
    }
}

void InsertJob(store::Transaction& tx, std::string_view kind, std::optional<std::int64_t> rule_id,
               crm::RecordType type, std::int64_t record_id, int depth, std::optional<std::int64_t> event_id,
               const Firing& firing, UnixTime now) {
    tx.Execute(sql::kEngineJobInsert,
               {Param(kind), Param(rule_id), Param(crm::RecordTypeName(type)), Param(record_id),
                Param(firing.occurrence), Param(firing.due_at), Param(depth), Param(event_id),
                Param(firing.guard.dump()), Param(now)});
}

void InsertJob(store::Transaction& tx, std::string_view kind, std::optional<std::int64_t> rule_id,
               const Event& event, const Firing& firing, UnixTime now) {
    InsertJob(tx, kind, rule_id, event.record_type, event.record_id, event.depth, event.id, firing, now);
}

constexpr std::string_view kOverdueScannedUntil = "overdue_scanned_until";
constexpr int kOverdueScanLimit = 10000;

// Fires the stage_overdue rules for the records that became overdue since the last scan (none
// before the first scan ever): crm::BecameStageOverdue(position, last scan, now), stated in SQL by
// the fragment stage_overdue_since, so a deadline equal to now waits for the next scan as
// crm::IsStageOverdue says. The scan reads the open records' deadlines through their partial
// index; a job is written only when a record became overdue.
void ScanDeadlines(store::Transaction& tx, RuleCache& rules, SightsOf& sights, UnixTime now) {
    const auto mark = tx.FetchOne(sql::kEngineStateGet, {Param(kOverdueScannedUntil)});
    const UnixTime from = mark ? mark->Int(0) : now;
    UnixTime until = now;
    bool any_rule = false;
    if (mark && from < now) {
        for (const auto type : {crm::RecordType::kLead, crm::RecordType::kDeal}) {
            std::vector<const Rule*> overdue;
            for (const Rule& rule : rules.Enabled(tx, type)) {
                if (rule.trigger.type == TriggerType::kStageOverdue) overdue.push_back(&rule);
            }
            if (overdue.empty()) continue;
            any_rule = true;
            const auto rows =
                tx.Fetch(type == crm::RecordType::kLead ? sql::kEngineOverdueLeads : sql::kEngineOverdueDeals,
                         {Param(from), Param(now), Param(kOverdueScanLimit)});
            // A full page: the records overdue at the last deadline and after come in the next scan
            // (which starts at `until`), unless the whole page shares the first deadline second, which
            // is then taken whole.
            if (static_cast<int>(rows.size()) == kOverdueScanLimit) {
                const UnixTime last = rows.back().Int(4);
                until = std::min(until, last > from ? last : last + 1);
            }
            for (const auto& row : rows) {
                const StageEntry entry{.type = type,
                                       .pipeline_id = row.Int(1),
                                       .stage_id = row.Int(2),
                                       .entered_at = row.Int(3),
                                       .deadline = row.Int(4)};
                const crm::StagePosition position{.pipeline_id = entry.pipeline_id,
                                                  .stage_id = entry.stage_id,
                                                  .entered_at = entry.entered_at,
                                                  .deadline = entry.deadline,
                                                  .is_open = true};
                if (!crm::IsStageOverdue(position, until)) break;  // left to the next scan
                std::optional<std::optional<Json>> facts;
                for (const Rule* rule : overdue) {
                    const auto firing = PlanOverdue(*rule, entry);
                    if (!firing) continue;
                    // A rule that may not act, or not on this record, writes no job.
                    const Sight& sight = sights(*rule);
                    if (sight.refusal) continue;
                    if (!sight.scope.all) {
                        if (!facts) facts = LoadRecordFacts(tx, type, row.Int(0));
                        if (!*facts || !MayActOn(sight.scope, **facts)) continue;
                    }
                    if (firing->due_at <= now) {
                        if (!facts) facts = LoadRecordFacts(tx, type, row.Int(0));
                        if (!*facts || !GuardHolds(firing->guard, **facts) ||
                            !ConditionsHold(rule->conditions, **facts)) {
                            continue;
                        }
                    }
                    InsertJob(tx, kRuleJob, rule->id, type, row.Int(0), 0, std::nullopt, *firing, now);
                }
            }
        }
    }
    // Without stage_overdue rules the mark stays: an idle engine writes nothing, and a rule enabled
    // later still sees every deadline since (PlanOverdue keeps only entries after its enabling).
    if (!mark || (any_rule && until > from)) {
        tx.Execute(sql::kEngineStatePut, {Param(kOverdueScannedUntil), Param(until)});
    }
}

// The built-in notice of an overdue department-queue task (R9): planned for every open queue task.
std::optional<Firing> PlanQueueOverdue(const Event& event) {
    if (event.kind != EventKind::kTaskChanged) return std::nullopt;
    const Json& data = event.data;
    if (!data.is_object() || !data.value("open", false)) return std::nullopt;
    if (!data.contains("department_id") || !data["department_id"].is_number_integer()) return std::nullopt;
    const auto task_id = data.value("task_id", std::int64_t{0});
    const auto due_at = data.value("due_at", std::int64_t{0});
    return Firing{.due_at = due_at,
                  .occurrence = "task:" + std::to_string(task_id) + ":" + std::to_string(due_at),
                  .guard = Json{{"task_id", task_id}, {"due_at", due_at}}};
}

// --- The executor ---

struct Job {
    std::int64_t id = 0;
    std::string kind;
    std::optional<std::int64_t> rule_id;
    crm::RecordType record_type = crm::RecordType::kDeal;
    std::int64_t record_id = 0;
    int depth = 0;
    Json guard;
    int next_action = 0;
    UnixTime due_at = 0;
    int attempts = 0;            // runs started, this one included
    UnixTime claimed_until = 0;  // this runner's lease: the token of its writes
};

// A runner whose lease ran out (another took the job over) stops: its transaction rolls back.
class LostClaim : public std::runtime_error {
public:
    explicit LostClaim(std::int64_t job)
        : std::runtime_error("lost the claim of job " + std::to_string(job)) {}
};

// Runs of one job after which it is given up (each ended by a crash or an internal error).
constexpr int kMaxJobAttempts = 5;

Job JobFromRow(const store::Row& row) {
    Job job;
    job.id = row.Int(0);
    job.kind = row.Text(1);
    job.rule_id = row.OptInt(2);
    job.record_type = crm::ParseRecordType(row.Text(3)).value_or(crm::RecordType::kDeal);
    job.record_id = row.Int(4);
    job.due_at = row.Int(6);
    job.depth = static_cast<int>(row.Int(7));
    job.guard = Json::parse(row.Text(8), nullptr, false);
    if (job.guard.is_discarded()) job.guard = Json::object();
    job.next_action = static_cast<int>(row.Int(9));
    job.attempts = static_cast<int>(row.Int(10));
    job.claimed_until = row.Int(11);
    return job;
}

struct ActionOutcome {
    Json entry;  // {type, outcome, error?, message_id?, task_id?, notified?}
    bool queued = false;
};

ActionOutcome Failed(const Action& action, std::string error) {
    return {Json{{"type", ActionTypeName(action.type)}, {"outcome", "failed"}, {"error", std::move(error)}}};
}

ActionOutcome Done(const Action& action) {
    return {Json{{"type", ActionTypeName(action.type)}, {"outcome", "ok"}}};
}

struct RunContext {
    store::Database& db;
    const Clock& clock;
    const auth::Settings& settings;
    const Rule& rule;
    const Job& job;
    const Json& facts;
    std::int64_t run_id = 0;
    const store::Scope& sight;  // the rule's sight (automation/sight.hpp): all its actions stay inside
};

// The user automation acts as in crm services (their checks and history's "who"): the rule's
// author with the rule's sight — an admin's for an organisation-wide rule, the department head's
// for a department's rule, whoever the author is.
auth::Principal AutomationPrincipal(const RunContext& run) {
    auth::Principal principal;
    principal.user.id = run.rule.author_id.value_or(run.facts.value("owner_id", std::int64_t{0}));
    principal.user.role = run.sight.all ? auth::Role::kAdmin : auth::Role::kHead;
    principal.user.department_id = run.sight.department_id;
    principal.user.name = "automation";
    return principal;
}

// Whether a user is an active user inside the rule's sight (an owner, assignee or notified user).
bool InSight(store::Transaction& tx, const store::Scope& sight, std::int64_t user_id) {
    const auto row = tx.FetchOne(sql::kRuleUserDepartment, {Param(user_id)});
    return row && row->Bool(1) && MayReachUser(sight, user_id, row->OptInt(0));
}

ActionOutcome SendMessage(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    const bool sms = action.type == ActionType::kSendSms;
    messaging::NewMessage message{.channel = sms ? messaging::Channel::kSms : messaging::Channel::kEmail,
                                  .record_type = run.job.record_type,
                                  .record_id = run.job.record_id,
                                  .owner_id = run.facts.value("owner_id", std::int64_t{0}),
                                  .rule_id = run.rule.id,
                                  .run_id = run.run_id,
                                  .template_id = action.template_id};
    const auto message_template =
        action.template_id ? messaging::LoadTemplate(tx, *action.template_id) : std::nullopt;
    if (!message_template) {
        message.template_id.reset();
        message.failure = "шаблон удалён";
    } else if (message_template->department_id && message_template->department_id != run.rule.department_id) {
        message.failure = "шаблон другого отдела недоступен правилу";  // moved by an admin since saved
    } else {
        const auto recipient =
            messaging::RecipientOf(tx, run.sight, run.job.record_type, run.job.record_id, action.to);
        const auto& address = sms ? recipient.phone : recipient.email;
        if (address) message.recipient = *address;
        auto rendered = messaging::RenderForRecord(tx, run.settings, run.sight, *message_template,
                                                   run.job.record_type, run.job.record_id, now);
        if (rendered) {
            message.body = rendered->text;
            message.subject = rendered->subject;
            message.html = rendered->html;
        }
        if (!address) {
            message.failure = sms ? "у получателя нет телефона" : "у получателя нет e-mail";
        } else if (!rendered) {
            message.failure = rendered.error().message;
        }
    }
    const auto id = messaging::Enqueue(tx, message, now);
    ActionOutcome outcome = message.failure ? Failed(action, *message.failure) : Done(action);
    outcome.entry["message_id"] = id;
    outcome.queued = !message.failure;
    return outcome;
}

ActionOutcome SendWebhook(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    const Json body{{"rule_id", run.rule.id},
                    {"rule", run.rule.name},
                    {"trigger", TriggerTypeName(run.rule.trigger.type)},
                    {"record_type", crm::RecordTypeName(run.job.record_type)},
                    {"record_id", run.job.record_id},
                    {"record", run.facts},
                    {"at", FormatIso8601(now)}};
    const std::string payload = body.dump();
    const Json headers{{std::string(messaging::kWebhookSignatureHeader),
                        messaging::WebhookSignature(action.secret, payload)}};
    const auto id =
        messaging::Enqueue(tx,
                           messaging::NewMessage{.channel = messaging::Channel::kWebhook,
                                                 .record_type = run.job.record_type,
                                                 .record_id = run.job.record_id,
                                                 .owner_id = run.facts.value("owner_id", std::int64_t{0}),
                                                 .rule_id = run.rule.id,
                                                 .run_id = run.run_id,
                                                 .recipient = action.url,
                                                 .payload = payload,
                                                 .headers = headers.dump()},
                           now);
    ActionOutcome outcome = Done(action);
    outcome.entry["message_id"] = id;
    outcome.queued = true;
    return outcome;
}

ActionOutcome Notify(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    auto parsed = messaging::ParseTemplate(action.text, "text");
    if (!parsed) return Failed(action, parsed.error().message);
    const auto values = messaging::LoadTemplateValues(tx, run.settings, run.sight, run.job.record_type,
                                                      run.job.record_id, now);
    auto text = messaging::Render(*parsed, values);
    if (!text) return Failed(action, text.error().message);
    // Users who left the rule's sight since it was saved (moved, deactivated) are not notified.
    std::set<std::int64_t> users;
    for (const auto user : action.user_ids) {
        if (InSight(tx, run.sight, user)) users.insert(user);
    }
    const auto owner = run.facts.value("owner_id", std::int64_t{0});
    if (action.notify_owner && owner != 0) users.insert(owner);
    if (action.notify_head && run.facts.contains("department_id") &&
        run.facts["department_id"].is_number_integer()) {
        if (auto head = DepartmentHead(tx, run.facts["department_id"].get<std::int64_t>()))
            users.insert(*head);
    }
    for (auto user : users) {
        InsertNotification(tx,
                           NewNotification{.user_id = user,
                                           .kind = "rule",
                                           .text = *text,
                                           .record_type = run.job.record_type,
                                           .record_id = run.job.record_id,
                                           .rule_id = run.rule.id},
                           now);
    }
    ActionOutcome outcome = Done(action);
    outcome.entry["notified"] = users.size();
    return outcome;
}

ActionOutcome CreateTask(store::Transaction& tx, const RunContext& run, const Action& action, UnixTime now) {
    if (action.assignee_id && !InSight(tx, run.sight, *action.assignee_id)) {
        return Failed(action, "исполнитель вне области правила или деактивирован");
    }
    const crm::TaskFields fields{.kind = action.task_kind,
                                 .subject = action.subject,
                                 .due_at = now + action.due_seconds,
                                 .location = action.location,
                                 .assignee_id = action.assignee_id,
                                 .department_id = action.department_id};
    const auto id = crm::InsertTask(tx, run.job.record_type, run.job.record_id,
                                    run.facts.value("owner_id", std::int64_t{0}), fields, std::nullopt, now);
    ActionOutcome outcome = Done(action);
    outcome.entry["task_id"] = id;
    return outcome;
}

// change_owner and move_stage go through the crm services (their checks, history, events), in
// their own transactions.
ActionOutcome ChangeRecord(const RunContext& run, const Action& action) {
    const auto principal = AutomationPrincipal(run);
    const auto id = run.job.record_id;
    if (action.type == ActionType::kChangeOwner && action.owner_id &&
        !run.db.Read([&](store::Transaction& tx) { return InSight(tx, run.sight, *action.owner_id); })) {
        return Failed(action, "новый владелец вне области правила или деактивирован");
    }
    Status status = Ok{};
    auto keep = [&](const auto& result) {
        if (!result) status = result.error();
    };
    if (action.type == ActionType::kChangeOwner) {
        switch (run.job.record_type) {
            case crm::RecordType::kLead:
                keep(crm::LeadService(run.db, run.clock)
                         .Update(principal, id, crm::LeadPatch{.owner_id = action.owner_id}));
                break;
            case crm::RecordType::kDeal:
                keep(crm::DealService(run.db, run.clock)
                         .Update(principal, id, crm::DealPatch{.owner_id = action.owner_id}));
                break;
            case crm::RecordType::kContact:
                keep(crm::ContactService(run.db, run.clock)
                         .Update(principal, id, crm::ContactPatch{.owner_id = action.owner_id}));
                break;
            case crm::RecordType::kCompany:
                keep(crm::CompanyService(run.db, run.clock)
                         .Update(principal, id, crm::CompanyPatch{.owner_id = action.owner_id}));
                break;
        }
    } else if (run.job.record_type == crm::RecordType::kLead) {
        keep(crm::LeadService(run.db, run.clock)
                 .Update(principal, id, crm::LeadPatch{.stage_id = action.stage_id}));
    } else if (run.job.record_type == crm::RecordType::kDeal) {
        keep(crm::DealService(run.db, run.clock)
                 .Update(principal, id, crm::DealPatch{.stage_id = action.stage_id}));
    } else {
        return Failed(action, "у записи этого типа нет этапов");
    }
    if (!status) return Failed(action, status.error().message);
    return Done(action);
}

void FinishRun(store::Transaction& tx, const Job& job, std::int64_t run_id, std::string_view state,
               std::string_view outcome, std::optional<std::string> detail, const Json& actions,
               UnixTime now) {
    if (tx.Execute(sql::kEngineJobFinish,
                   {Param(job.id), Param(state), Param(now), Param(job.claimed_until)}) == 0) {
        throw LostClaim(job.id);
    }
    tx.Execute(sql::kEngineRunUpdate, {Param(run_id), Param(outcome), Param(detail), Param(actions.dump())});
}

// A claimed rule job that passed its checks, with what its actions need.
struct Plan {
    Job job;
    Rule rule;
    store::Scope sight;
    Json facts;
    std::int64_t run_id = 0;
    Json actions = Json::array();  // the outcomes of the actions done so far
};

// Inside the claim's transaction: the checks of a rule job. Finishes a job whose rule is off,
// whose record is gone, whose guard fails (cancelled) or whose conditions fail (skipped);
// answers the plan of the others, with their run row.
std::optional<Plan> PlanJob(store::Transaction& tx, const Job& job,
                            std::map<std::int64_t, std::optional<Rule>>& rules, SightsOf& sights,
                            UnixTime now) {
    auto cached = rules.find(*job.rule_id);
    if (cached == rules.end()) cached = rules.emplace(*job.rule_id, LoadRule(tx, *job.rule_id)).first;
    const std::optional<Rule>& rule = cached->second;
    Plan plan{.job = job};
    if (const auto existing = tx.FetchOne(sql::kEngineRunOfJob, {Param(job.id)})) {
        plan.run_id = existing->Int(0);
        plan.actions = Json::parse(existing->Text(1), nullptr, false);
        if (!plan.actions.is_array()) plan.actions = Json::array();
    } else {
        plan.run_id =
            InsertRun(tx, job.rule_id, job.id, job.record_type, job.record_id, now, "running", std::nullopt);
    }
    const auto facts = LoadRecordFacts(tx, job.record_type, job.record_id);
    if (job.attempts > kMaxJobAttempts) {
        FinishRun(tx, job, plan.run_id, "failed", "failed",
                  "прервано после " + std::to_string(kMaxJobAttempts) + " попыток выполнения", plan.actions,
                  now);
        return std::nullopt;
    }
    std::optional<std::string> cancel;
    if (!rule || !rule->enabled) {
        cancel = "правило выключено или удалено";
    } else if (!facts) {
        cancel = "запись удалена";
    } else if (const Sight& sight = sights(*rule); sight.refusal) {
        cancel = sight.refusal;
    } else if (!MayActOn(sight.scope, *facts)) {
        cancel = std::string(kOutOfSight);  // the record left the rule's department meanwhile
    } else if (GuardApplies(*rule, job.guard) && !GuardHolds(job.guard, *facts)) {
        cancel = CancelReason(job.guard);
    }
    if (cancel) {
        FinishRun(tx, job, plan.run_id, "cancelled", "cancelled", cancel, plan.actions, now);
        return std::nullopt;
    }
    if (job.next_action == 0 && !ConditionsHold(rule->conditions, *facts)) {
        FinishRun(tx, job, plan.run_id, "done", "skipped", "условия правила не выполнены", plan.actions, now);
        return std::nullopt;
    }
    plan.rule = *rule;
    plan.sight = sights(*rule).scope;
    plan.facts = *facts;
    return plan;
}

// Actions that write only rows of the caller's transaction (the others go through crm services).
bool InTransaction(const Action& action) {
    return action.type != ActionType::kChangeOwner && action.type != ActionType::kMoveStage;
}

ActionOutcome RunInTransaction(store::Transaction& tx, const RunContext& run, const Action& action,
                               UnixTime now) {
    switch (action.type) {
        case ActionType::kSendSms:
        case ActionType::kSendEmail: return SendMessage(tx, run, action, now);
        case ActionType::kWebhook: return SendWebhook(tx, run, action, now);
        case ActionType::kNotify: return Notify(tx, run, action, now);
        case ActionType::kCreateTask: return CreateTask(tx, run, action, now);
        case ActionType::kChangeOwner:
        case ActionType::kMoveStage: break;
    }
    return Failed(action, "действие выполняется не в транзакции");
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

// Performs the actions of a planned job from its first not done. Consecutive actions that write
// only rows go in one transaction with the job's progress (and its finish after the last); when
// that transaction fails, they are taken one by one so that the failing one is recorded as failed
// and the others still run. Answers whether messages were queued.
bool RunActions(store::Database& db, const Clock& clock, const auth::Settings& settings, Plan& plan) {
    const auto& actions = plan.rule.actions;
    RunContext run{db, clock, settings, plan.rule, plan.job, plan.facts, plan.run_id, plan.sight};
    bool queued = false;
    // Changes made by the actions are events one step deeper in the chain.
    const crm::AutomationCause cause(plan.job.depth + 1);
    auto run_group = [&](std::size_t from, std::size_t to) {
        Json outcomes;
        bool group_queued = false;
        db.Write([&](store::Transaction& tx) {
            const UnixTime now = clock.Now();
            outcomes = plan.actions;
            group_queued = false;
            for (std::size_t i = from; i < to; ++i) {
                const auto outcome = RunInTransaction(tx, run, actions[i], now);
                outcomes.push_back(outcome.entry);
                group_queued = group_queued || outcome.queued;
            }
            RecordProgress(tx, plan, outcomes, to, now);
        });
        plan.actions = std::move(outcomes);
        queued = queued || group_queued;
    };
    std::size_t i = static_cast<std::size_t>(plan.job.next_action);
    if (i >= actions.size()) {
        db.Write([&](store::Transaction& tx) {
            RecordProgress(tx, plan, plan.actions, actions.size(), clock.Now());
        });
        return false;
    }
    while (i < actions.size()) {
        if (!InTransaction(actions[i])) {
            ActionOutcome outcome;
            try {
                outcome = ChangeRecord(run, actions[i]);
            } catch (const LostClaim&) {
                throw;
            } catch (const std::exception& e) {
                spdlog::error("automation: rule {} action {} failed: {}", plan.rule.id, i, e.what());
                outcome = Failed(actions[i], "внутренняя ошибка при выполнении действия");
            }
            db.Write([&](store::Transaction& tx) {
                plan.actions.push_back(outcome.entry);
                RecordProgress(tx, plan, plan.actions, i + 1, clock.Now());
            });
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < actions.size() && InTransaction(actions[end])) ++end;
        try {
            run_group(i, end);
            i = end;
            continue;
        } catch (const LostClaim&) {
            throw;
        } catch (const std::exception& e) {
            spdlog::warn("automation: rule {} actions {}..{} failed together, running them one by one: {}",
                         plan.rule.id, i, end - 1, e.what());
        }
        for (; i < end; ++i) {
            try {
                run_group(i, i + 1);
            } catch (const LostClaim&) {
                throw;
            } catch (const std::exception& e) {
                spdlog::error("automation: rule {} action {} on {} {} failed: {}", plan.rule.id, i,
                              crm::RecordTypeName(plan.job.record_type), plan.job.record_id, e.what());
                db.Write([&](store::Transaction& tx) {
                    plan.actions.push_back(
                        Failed(actions[i], "внутренняя ошибка при выполнении действия").entry);
                    RecordProgress(tx, plan, plan.actions, i + 1, clock.Now());
                });
            }
        }
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
        const auto task = tx.FetchOne(sql::kEngineQueueTask, {Param(task_id)});
        const bool holds = task && !task->OptInt(2) && !task->OptInt(3) &&
                           task->Int(1) == job.guard.value("due_at", std::int64_t{0});
        const auto facts = holds ? LoadRecordFacts(tx, job.record_type, job.record_id) : std::nullopt;
        if (!facts) {
            if (tx.Execute(sql::kEngineJobFinish,
                           {Param(job.id), Param("cancelled"), Param(now), Param(job.claimed_until)}) == 0) {
                throw LostClaim(job.id);
            }
            return;
        }
        const bool russian = settings.language != "en";
        const std::string when =
            messaging::FormatDateTime(task->Int(1), settings.time_zone, settings.language);
        const std::string text = russian ? "Просрочена задача отдела «" + task->Text(4) + "»: «" +
                                               task->Text(0) + "», срок " + when
                                         : "Overdue task of the department “" + task->Text(4) + "”: “" +
                                               task->Text(0) + "”, due " + when;
        std::set<std::int64_t> users;
        if (auto head = task->OptInt(5)) users.insert(*head);
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
        if (tx.Execute(sql::kEngineJobFinish,
                       {Param(job.id), Param("done"), Param(now), Param(job.claimed_until)}) == 0) {
            throw LostClaim(job.id);
        }
    });
}

}  // namespace

void RuleCache::Refresh(store::Transaction& tx) {
    const auto row = tx.FetchOne(sql::kEngineRulesStamp);
    std::vector<std::int64_t> stamp{row->Int(0), row->Int(1), row->Int(2)};
    if (stamp != stamp_) {
        rules_.clear();
        stamp_ = std::move(stamp);
    }
}

const std::vector<Rule>& RuleCache::Enabled(store::Transaction& tx, crm::RecordType type) {
    auto found = rules_.find(type);
    if (found == rules_.end()) found = rules_.emplace(type, EnabledRules(tx, type)).first;
    return found->second;
}

StepResult DispatchEvents(store::Database& db, const Clock& clock, int max, RuleCache* cache) {
    const auth::Settings settings = auth::SettingsService(db).Get();
    const LocalMidnightFn local_midnight = [&](const std::string& date) {
        return messaging::LocalMidnight(date, settings.time_zone);
    };
    return db.Write([&](store::Transaction& tx) {
        const UnixTime now = clock.Now();
        const auto rows = tx.Fetch(sql::kEngineEventsClaim, {Param(max)});
        RuleCache this_call;
        RuleCache& rules = cache != nullptr ? *cache : this_call;
        if (!rows.empty()) rules.Refresh(tx);
        SightsOf sights(tx);
        std::vector<std::int64_t> ids;
        for (const auto& row : rows) {
            ids.push_back(row.Int(0));
            const auto event = EventFromRow(row);
            if (!event) continue;
            FactsOf facts(tx, *event);
            CancelBrokenJobs(tx, *event, facts, now);
            for (const Rule& rule : rules.Enabled(tx, event->record_type)) {
                const auto firing = PlanFiring(rule, *event, local_midnight);
                if (!firing) continue;
                // A rule fires only for records in its sight, and not at all while its author has
                // lost the sight (the run log says why; nothing about a record out of its reach).
                const Sight& sight = sights(rule);
                if (!sight.scope.all && (!facts() || !MayActOn(sight.scope, *facts()))) continue;
                if (sight.refusal) {
                    InsertRun(tx, rule.id, std::nullopt, event->record_type, event->record_id, now, "refused",
                              *sight.refusal);
                    continue;
                }
                if (event->depth >= kMaxChainDepth) {
                    InsertRun(tx, rule.id, std::nullopt, event->record_type, event->record_id, now,
                              "chain_limit",
                              "цепочка правил остановлена: глубина " + std::to_string(event->depth) +
                                  " (не больше " + std::to_string(kMaxChainDepth) + ")");
                    continue;
                }
                if (firing->due_at <= now) {
                    // Due now: checked here rather than in a job of its own. A record that no longer
                    // qualifies (conditions, or already out of the stage) does not run the rule.
                    const auto& current = facts();
                    if (!current ||
                        (GuardApplies(rule, firing->guard) && !GuardHolds(firing->guard, *current)) ||
                        !ConditionsHold(rule.conditions, *current)) {
                        continue;
                    }
                }
                InsertJob(tx, kRuleJob, rule.id, *event, *firing, now);
            }
            if (const auto notice = PlanQueueOverdue(*event)) {
                InsertJob(tx, kQueueOverdueJob, std::nullopt, *event, *notice, now);
            }
        }
        if (!ids.empty()) tx.Execute(sql::kEngineEventsDone, {store::ParamIds(ids), Param(now)});
        if (rows.empty()) rules.Refresh(tx);
        ScanDeadlines(tx, rules, sights, now);
        return StepResult{.handled = static_cast<int>(rows.size())};
    });
}

StepResult RunDueJobs(store::Database& db, const Clock& clock, int max, std::int64_t lease_seconds) {
    const auth::Settings settings = auth::SettingsService(db).Get();
    // One transaction claims the due jobs and checks them all; most jobs end there (skipped or
    // cancelled) without a transaction of their own.
    std::vector<Job> notices;
    std::vector<Plan> plans;
    const int claimed = db.Write([&](store::Transaction& tx) {
        const UnixTime now = clock.Now();
        std::vector<Job> jobs;
        for (const auto& row :
             tx.Fetch(sql::kEngineJobsClaim, {Param(now), Param(now + lease_seconds), Param(max)})) {
            jobs.push_back(JobFromRow(row));
        }
        std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
            return a.due_at != b.due_at ? a.due_at < b.due_at : a.id < b.id;
        });
        std::map<std::int64_t, std::optional<Rule>> rules;
        SightsOf sights(tx);
        for (const Job& job : jobs) {
            if (job.kind == kQueueOverdueJob || !job.rule_id) {
                notices.push_back(job);
            } else if (auto plan = PlanJob(tx, job, rules, sights, now)) {
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
    // Jobs whose remaining actions all write only rows run together in one transaction; when it
    // fails, each job runs on its own so that only the failing action is recorded as failed.
    std::vector<Plan*> together;
    for (Plan& plan : plans) {
        const auto& actions = plan.rule.actions;
        if (std::all_of(actions.begin() + std::min<std::ptrdiff_t>(plan.job.next_action, actions.size()),
                        actions.end(), InTransaction)) {
            together.push_back(&plan);
        }
    }
    std::set<std::int64_t> done;
    if (together.size() > 1) {
        try {
            std::vector<Json> outcomes(together.size());
            bool queued = false;
            db.Write([&](store::Transaction& tx) {
                const UnixTime now = clock.Now();
                queued = false;
                for (std::size_t k = 0; k < together.size(); ++k) {
                    Plan& plan = *together[k];
                    RunContext run{db,       clock,      settings,    plan.rule,
                                   plan.job, plan.facts, plan.run_id, plan.sight};
                    const crm::AutomationCause cause(plan.job.depth + 1);
                    outcomes[k] = plan.actions;
                    for (std::size_t i = static_cast<std::size_t>(plan.job.next_action);
                         i < plan.rule.actions.size(); ++i) {
                        const auto outcome = RunInTransaction(tx, run, plan.rule.actions[i], now);
                        outcomes[k].push_back(outcome.entry);
                        queued = queued || outcome.queued;
                    }
                    RecordProgress(tx, plan, outcomes[k], plan.rule.actions.size(), now);
                }
            });
            for (Plan* plan : together) done.insert(plan->job.id);
            result.messages_queued = result.messages_queued || queued;
        } catch (const std::exception& e) {
            spdlog::warn("automation: {} jobs failed together, running them one by one: {}", together.size(),
                         e.what());
        }
    }
    for (Plan& plan : plans) {
        if (done.count(plan.job.id) != 0) continue;
        try {
            if (RunActions(db, clock, settings, plan)) result.messages_queued = true;
        } catch (const std::exception& e) {
            spdlog::error("automation: job {} failed: {}", plan.job.id, e.what());
        }
    }
    return result;
}

Engine::Engine(store::Database& db, const Clock& clock, EngineOptions options)
    : db_(db), clock_(clock), options_(std::move(options)) {}

Engine::~Engine() {
    Stop();
}

void Engine::Start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void Engine::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Engine::Wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void Engine::Loop() {
    for (;;) {
        // Dispatching and running are independent: a failure of one does not stop the other.
        StepResult dispatched;
        StepResult ran;
        try {
            dispatched = DispatchEvents(db_, clock_, 200, &rules_);
        } catch (const std::exception& e) {
            spdlog::error("automation: dispatching events: {}", e.what());
        }
        try {
            ran = RunDueJobs(db_, clock_);
        } catch (const std::exception& e) {
            spdlog::error("automation: running jobs: {}", e.what());
        }
        if ((dispatched.messages_queued || ran.messages_queued) && options_.on_messages_queued) {
            options_.on_messages_queued();
        }
        const bool busy = dispatched.handled > 0 || ran.handled > 0;
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        if (busy) {
            wake_.wait_for(lock, options_.batch_window, [this] { return stopping_; });
            continue;
        }
        wake_.wait_for(lock, options_.poll, [this] { return stopping_ || woken_; });
        woken_ = false;
        if (stopping_) return;
    }
}

}  // namespace voronka::automation
