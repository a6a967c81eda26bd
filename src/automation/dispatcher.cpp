#include "automation/dispatcher.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/settings_service.hpp"
#include "automation/decisions.hpp"
#include "automation/record_facts.hpp"
#include "automation/rule.hpp"
#include "automation/rule_service.hpp"
#include "automation/sight.hpp"
#include "automation_sql.hpp"
#include "core/catalogue.hpp"
#include "crm/rules.hpp"
#include "messaging/format.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;
using store::Param;

std::optional<EventKind> ParseEventKind(std::string_view name) {
    if (name == "record_created") return EventKind::kRecordCreated;
    if (name == "record_changed") return EventKind::kRecordChanged;
    if (name == "stage_entered") return EventKind::kStageEntered;
    if (name == "task_changed") return EventKind::kTaskChanged;
    return std::nullopt;
}

// A claimed event row (engine_events_claim.*.sql); `event` is nullopt when its kind or record type
// is unknown (it is marked processed all the same).
struct ClaimedEvent {
    std::int64_t id = 0;
    std::optional<Event> event;
};

ClaimedEvent ReadEvent(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Event event;
        event.id = r.Int();
        const auto kind = ParseEventKind(r.Text());
        const auto type = crm::ParseRecordType(r.Text());
        event.record_id = r.Int();
        event.data = Json::parse(r.Text(), nullptr, false);
        event.depth = static_cast<int>(r.Int());
        event.by_user_id = r.OptInt();
        event.at = r.Int();
        ClaimedEvent claimed{.id = event.id};
        if (kind && type) {
            event.kind = *kind;
            event.record_type = *type;
            claimed.event = std::move(event);
        }
        return claimed;
    });
}

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

// A pending job of a record (engine_jobs_pending_of_record.sql).
struct PendingJob {
    std::int64_t id = 0;
    std::optional<std::int64_t> rule_id;
    Json guard;  // discarded when unreadable
    std::int64_t delay_seconds = 0;
    bool stage_overdue = false;
};

PendingJob ReadPendingJob(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        PendingJob job;
        job.id = r.Int();
        job.rule_id = r.OptInt();
        job.guard = Json::parse(r.Text(), nullptr, false);
        job.delay_seconds = r.Int();
        job.stage_overdue = r.Text() == "stage_overdue";
        return job;
    });
}

// Cancels the pending jobs of the event's record whose guard no longer holds.
void CancelBrokenJobs(store::Transaction& tx, const Event& event, FactsOf& facts_of, Language language,
                      UnixTime now) {
    const auto rows = tx.Fetch(sql::kEngineJobsPendingOfRecord,
                               {Param(crm::RecordTypeName(event.record_type)), Param(event.record_id)});
    if (rows.empty()) return;
    const auto& facts = facts_of();
    for (const auto& row : rows) {
        const PendingJob job = ReadPendingJob(row);
        const auto reason = DecideCancel(job.guard, job.delay_seconds, job.stage_overdue, facts);
        if (!reason) continue;
        if (tx.Execute(sql::kEngineJobCancelPending, {Param(job.id), Param(now)}) == 0) continue;
        if (job.rule_id) {
            InsertRun(tx, job.rule_id, job.id, event.record_type, event.record_id, now, "cancelled",
                      Say(language, *reason));
        }
    }
}

void InsertJob(store::Transaction& tx, std::string_view kind, std::optional<std::int64_t> rule_id,
               const Event& event, const Firing& firing, UnixTime now) {
    InsertJob(tx, kind, rule_id, event.record_type, event.record_id, event.depth, event.id, firing, now);
}

constexpr std::string_view kOverdueScannedUntil = "overdue_scanned_until";
constexpr int kOverdueScanLimit = 10000;

// An open record's stay in a stage with a deadline (engine_overdue_{leads,deals}.sql).
struct OverdueRow {
    std::int64_t record_id = 0;
    StageEntry entry;
};

OverdueRow ReadOverdue(const store::Row& row, crm::RecordType type) {
    return store::ReadRow(row, [&](store::RowReader& r) {
        OverdueRow overdue;
        overdue.record_id = r.Int();
        overdue.entry.type = type;
        overdue.entry.pipeline_id = r.Int();
        overdue.entry.stage_id = r.Int();
        overdue.entry.entered_at = r.Int();
        overdue.entry.deadline = r.Int();
        return overdue;
    });
}

// Fires the stage_overdue rules for the records that became overdue since the last scan (none
// before the first scan ever): crm::BecameStageOverdue(position, last scan, now), stated in SQL by
// the fragment stage_overdue_since, so a deadline equal to now waits for the next scan as
// crm::IsStageOverdue says. The scan reads the open records' deadlines through their partial
// index; a job is written only when a record became overdue.
void ScanDeadlines(store::Transaction& tx, RuleCache& rules, SightsOf& sights, UnixTime now) {
    const auto mark_row = tx.FetchOne(sql::kEngineStateGet, {Param(kOverdueScannedUntil)});
    const std::optional<UnixTime> mark =
        mark_row ? std::optional(store::ReadRow(*mark_row, [](store::RowReader& r) { return r.Int(); }))
                 : std::nullopt;
    const UnixTime from = mark.value_or(now);
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
            std::vector<OverdueRow> rows;
            for (const auto& row : tx.Fetch(
                     type == crm::RecordType::kLead ? sql::kEngineOverdueLeads : sql::kEngineOverdueDeals,
                     {Param(from), Param(now), Param(kOverdueScanLimit)})) {
                rows.push_back(ReadOverdue(row, type));
            }
            // A full page: the records overdue at the last deadline and after come in the next scan
            // (which starts at `until`), unless the whole page shares the first deadline second, which
            // is then taken whole.
            if (static_cast<int>(rows.size()) == kOverdueScanLimit) {
                const UnixTime last = rows.back().entry.deadline;
                until = std::min(until, last > from ? last : last + 1);
            }
            for (const auto& [record_id, entry] : rows) {
                const crm::StagePosition position{.pipeline_id = entry.pipeline_id,
                                                  .stage_id = entry.stage_id,
                                                  .entered_at = entry.entered_at,
                                                  .deadline = entry.deadline,
                                                  .is_open = true};
                if (!crm::IsStageOverdue(position, until)) break;  // left to the next scan
                std::optional<std::optional<Json>> facts;
                const FactsFn facts_fn = [&]() -> const std::optional<Json>& {
                    if (!facts) facts = LoadRecordFacts(tx, type, record_id);
                    return *facts;
                };
                for (const Rule* rule : overdue) {
                    const auto firing = PlanOverdue(*rule, entry);
                    if (!firing) continue;
                    // Only a job is written here: a rule that may not act, or not on this record,
                    // writes nothing (not even a run), as does one whose record no longer qualifies.
                    const auto decision = DecideFiring(*rule, *firing, sights(*rule), 0, now, facts_fn);
                    if (decision.verdict != FiringVerdict::kWriteJob) continue;
                    InsertJob(tx, kRuleJob, rule->id, type, record_id, 0, std::nullopt, *firing, now);
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

}  // namespace

void RuleCache::Refresh(store::Transaction& tx) {
    const auto row = tx.FetchOne(sql::kEngineRulesStamp);
    auto stamp = store::ReadRow(*row, [](store::RowReader& r) {
        const auto count = r.Int();
        const auto max_id = r.Int();
        const auto revisions = r.Int();
        return std::vector<std::int64_t>{count, max_id, revisions};
    });
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
    const Language language = LanguageOf(settings.language);
    const LocalMidnightFn local_midnight = [&](const std::string& date) {
        return messaging::LocalMidnight(date, settings.time_zone);
    };
    return db.Write([&](store::Transaction& tx) {
        const UnixTime now = clock.Now();
        std::vector<ClaimedEvent> claimed;
        for (const auto& row : tx.Fetch(sql::kEngineEventsClaim, {Param(max)}))
            claimed.push_back(ReadEvent(row));
        RuleCache this_call;
        RuleCache& rules = cache != nullptr ? *cache : this_call;
        if (!claimed.empty()) rules.Refresh(tx);
        SightsOf sights(tx);
        std::vector<std::int64_t> ids;
        for (const auto& [id, event] : claimed) {
            ids.push_back(id);
            if (!event) continue;
            FactsOf facts(tx, *event);
            CancelBrokenJobs(tx, *event, facts, language, now);
            const FactsFn facts_fn = [&]() -> const std::optional<Json>& { return facts(); };
            for (const Rule& rule : rules.Enabled(tx, event->record_type)) {
                const auto firing = PlanFiring(rule, *event, local_midnight);
                if (!firing) continue;
                const auto decision = DecideFiring(rule, *firing, sights(rule), event->depth, now, facts_fn);
                switch (decision.verdict) {
                    case FiringVerdict::kIgnore:
                    case FiringVerdict::kDrop: break;
                    case FiringVerdict::kRefuse:
                        InsertRun(tx, rule.id, std::nullopt, event->record_type, event->record_id, now,
                                  "refused", Say(language, *decision.reason));
                        break;
                    case FiringVerdict::kChainLimit:
                        InsertRun(tx, rule.id, std::nullopt, event->record_type, event->record_id, now,
                                  "chain_limit",
                                  Say(language, *decision.reason, event->depth, kMaxChainDepth));
                        break;
                    case FiringVerdict::kWriteJob:
                        InsertJob(tx, kRuleJob, rule.id, *event, *firing, now);
                        break;
                }
            }
            if (const auto notice = PlanQueueOverdue(*event)) {
                InsertJob(tx, kQueueOverdueJob, std::nullopt, *event, *notice, now);
            }
        }
        if (!ids.empty()) tx.Execute(sql::kEngineEventsDone, {store::ParamIds(ids), Param(now)});
        if (claimed.empty()) rules.Refresh(tx);
        ScanDeadlines(tx, rules, sights, now);
        return StepResult{.handled = static_cast<int>(claimed.size())};
    });
}

}  // namespace voronka::automation
