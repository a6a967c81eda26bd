// The pure rules of automation rules: reading a rule from its JSON and writing it back, planning
// when a domain event fires a rule, and checking conditions and guards against a record's facts
// (automation/record_facts.hpp). Owned by automation; the checks against the database are in
// rule_service.hpp. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "automation/model.hpp"
#include "core/catalogue.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace voronka::automation {

inline constexpr std::size_t kMaxConditions = 20;
inline constexpr std::size_t kMaxActions = 20;

// Reads a rule from
//   {"name", "enabled", "record_type", "trigger": {"type", ...}, "conditions": [{"field", "op",
//    "value"}], "actions": [{"type", ...}], "delay": "PT0S"}
// name, record_type, trigger and actions are required; enabled defaults to true, conditions to
// none, delay to PT0S. Every error is a Validation naming the JSON path of the offending field
// ("trigger.stage_id", "actions[1].template_id", "conditions[0].op"); a key the shape does not
// know is refused naming it. Checks only what needs no database: types, required keys, triggers
// that fit the record type (stage triggers for leads and deals, deal_won/deal_lost for deals),
// 1..20 actions, at most 20 conditions, durations (ISO 8601; a scheduled offset may be negative,
// "-PT2H"), webhook URLs (http or https with a host). A webhook action needs its `secret`; its
// `secret_set` (as RuleToJson writes it) is accepted and ignored.
// When adding a trigger or action key, also add it to RuleDefinitionJson and RuleToJson.
Result<Rule> ParseRule(const nlohmann::json& json);

// The rule as clients see it: the shape ParseRule reads plus id, enabled_at, created_by,
// created_at, updated_at (ISO 8601). A webhook's secret is never written: `secret_set: true`.
nlohmann::json RuleToJson(const Rule& rule);

// The stored form of a rule's definition (column automation_rules.definition): trigger,
// conditions, actions (webhook secrets included) and delay, which ParseRule reads back together
// with name, enabled and record_type.
nlohmann::json RuleDefinitionJson(const Rule& rule);

// A value as the field history writes it: strings as they are, integers in decimal, booleans
// "true"/"false", null as nullopt.
std::optional<std::string> HistoryTextOf(const nlohmann::json& value);

// What a firing rule becomes: a job due at `due_at`, unique per rule, record and `occurrence`,
// cancelled when due unless `guard` still holds (GuardHolds).
struct Firing {
    UnixTime due_at = 0;
    std::string occurrence;
    nlohmann::json guard = nlohmann::json::object();
};

// The UTC time of the organisation's local midnight starting `date` (YYYY-MM-DD); nullopt when
// the date is malformed.
using LocalMidnightFn = std::function<std::optional<UnixTime>(const std::string& date)>;

// Whether `event` fires `rule`, and when. nullopt when the rule is disabled, is for another
// record type, the event happened before the rule was enabled (enabled_at), or the event does not
// match the trigger:
//   record_created  <- record_created; at event.at + delay; occurrence "created"
//   stage_entered   <- stage_entered into trigger.stage_id (and pipeline_id when given); at
//                      entered_at + delay; "stage:<stage_id>:<event id>";
//                      guard {"stage_id", "entered_at"}
//   deal_won/lost   <- stage_entered of a deal into a won / lost stage; as stage_entered
//   stage_overdue   <- never from an event: see PlanOverdue
//   field_changed   <- record_changed of trigger.field (to `to` when given, compared as history
//                      text); at event.at + delay; "field:<field>:<event id>"
//   task_overdue    <- task_changed of an open task; at due_at + delay; "task:<task_id>:<due_at>";
//                      guard {"task_id", "due_at"}
//   scheduled       <- relative to "meeting": task_changed of an open meeting; at due_at + offset
//                      + delay; "meeting:<task_id>:<due_at>"; guard as task_overdue.
//                      relative to a date field: record_changed of that field to a date; at
//                      local_midnight(date) + offset + delay; "date:<field>:<date>";
//                      guard {"field", "value"}
// Other triggers' guards are {} (always hold).
std::optional<Firing> PlanFiring(const Rule& rule, const Event& event, const LocalMidnightFn& local_midnight);

// A record's stay in a stage with a deadline, as the deadline scan of the engine finds it once the
// deadline passed (a job per entry written in advance would cost every stage move a job and its
// cancellation).
struct StageEntry {
    crm::RecordType type = crm::RecordType::kDeal;
    std::int64_t pipeline_id = 0;
    std::int64_t stage_id = 0;
    UnixTime entered_at = 0;
    UnixTime deadline = 0;
};

// Whether a passed stage deadline fires a stage_overdue rule, and when: for an entry after the
// rule was enabled into its stage (and pipeline) when given; at deadline + delay;
// "overdue:<stage_id>:<entered_at>"; guard {"stage_id", "entered_at"}.
std::optional<Firing> PlanOverdue(const Rule& rule, const StageEntry& entry);

// Whether a record's current facts still satisfy a firing's guard: the record is still in the
// stage entry (stage_id and stage_entered_at equal), the task is still open with that due_at
// (open_tasks), the field still has that value. {} always holds.
bool GuardHolds(const nlohmann::json& guard, const nlohmann::json& facts);

// Whether a firing's guard is checked at all: a stage guard cancels only what waits (a delay, a
// stage deadline), so a rule without delay runs for the entry even when the record moved on before
// it ran; task and field guards always apply (the meeting was moved, the date changed).
bool GuardApplies(std::int64_t delay_seconds, bool stage_overdue, const nlohmann::json& guard);
bool GuardApplies(const Rule& rule, const nlohmann::json& guard);

// Why a pending job whose guard no longer holds is cancelled: the run log's text of what changed.
Text CancelReason(const nlohmann::json& guard);

// Whether every condition holds for a record's facts. A field is a key of the facts
// ("amount", "owner_id", "department_id") or "custom_fields.NAME"; absent reads as null.
//   "=" / "!="  numbers compare as numbers, anything else by its history text
//   ">" / "<"   numbers as numbers, other values (dates, strings) as text; false when either is
//               null or one is a number and the other not
//   "in"        equal ("=") to one of the array's values
//   "empty"     value true: absent, null, "", [] or {}; false: the opposite
bool ConditionsHold(const std::vector<Condition>& conditions, const nlohmann::json& facts);

}  // namespace voronka::automation
