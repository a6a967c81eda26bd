// Automation rules as people manage them (create, read, change, delete; head or admin only),
// their checks against the database, their run log, and the reads the engine makes. Owned by
// automation; pure parsing and matching are in automation/rule.hpp. Thread-safe (stateless over
// the Database); the free functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "automation/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace voronka::automation {

// One row of the run log (automation_runs): a run of a rule's job, or a refused firing.
struct Run {
    std::int64_t id = 0;
    std::optional<std::int64_t> rule_id;
    std::optional<std::int64_t> job_id;
    crm::RecordType record_type = crm::RecordType::kDeal;
    std::int64_t record_id = 0;
    UnixTime at = 0;
    std::string outcome;                // as the engine wrote it: ok, failed, partial, refused, ...
    std::optional<std::string> detail;  // e.g. why a chain was stopped
    nlohmann::json actions = nlohmann::json::array();  // [{type, outcome, error?, message_id?, task_id?}]
};

class RuleService {
public:
    RuleService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Every route below answers Forbidden unless the caller is a head or an admin. A rule is a
    // department's or organisation-wide (department_id null); auth/config_scope.hpp says who sees
    // and changes which: a head sees their department's and the organisation-wide rules and changes
    // only their department's (Forbidden on an organisation-wide one, NotFound on another
    // department's); an admin sees and changes all.

    // Rules not deleted that the caller sees, in id order.
    Result<Page<Rule>> List(const auth::Principal& principal, const PageRequest& page);
    // NotFound when missing or deleted.
    Result<Rule> Get(const auth::Principal& principal, std::int64_t id);
    // Reads the body with ParseRule and checks it against the database (CheckRule); sets
    // enabled_at when created enabled. `department_id` in the body: a head's rule is their
    // department's (another department or null is Forbidden); an admin's is organisation-wide
    // unless it names a department. The caller becomes the rule's author (automation/sight.hpp).
    Result<Rule> Create(const auth::Principal& principal, const nlohmann::json& body);
    // `patch` holds any subset of the top-level keys of a rule; the rule it makes is checked whole,
    // as Create does. A webhook action given without its secret keeps the secret of the current
    // webhook action with the same URL. enabled_at is set when the rule is switched to enabled.
    // Only an admin changes department_id. The caller becomes the rule's author. NotFound as Get;
    // Forbidden on a rule the caller sees but may not change.
    Result<Rule> Update(const auth::Principal& principal, std::int64_t id, const nlohmann::json& patch);
    // Soft delete: the rule is disabled and no longer listed. NotFound and Forbidden as Update.
    Status Delete(const auth::Principal& principal, std::int64_t id);
    // The run log of a rule, newest first: only the runs on records the caller may see now
    // (auth/visibility.hpp). NotFound as Get.
    Result<Page<Run>> ListRuns(const auth::Principal& principal, std::int64_t rule_id,
                               const PageRequest& page);

private:
    store::Database& db_;
    const Clock& clock_;
};

// Checks a parsed rule against the database, with a Validation naming the field:
//   trigger.pipeline_id / trigger.stage_id exist, are of the rule's record type, and the stage is in
//   the pipeline (a stage_entered trigger without pipeline_id gets the stage's pipeline);
//   trigger.field, trigger.relative_to ("meeting" or a date field) and conditions[i].field are
//   fields of the record type (automation/record_facts.hpp RecordFields, or custom fields);
//   actions[i].template_id is a template of kind sms (send_sms) / email (send_email);
//   rule.department_id is a department; a department's rule uses that department's or
//   organisation-wide templates, and its users and queue are inside the department;
//   actions[i].assignee_id, owner_id, user_ids are active users, department_id a department;
//   actions[i].stage_id is a stage of the trigger's pipeline (or of a pipeline of the record type).
Status CheckRule(store::Transaction& tx, Rule& rule);

// The enabled, not deleted rules of a record type, in id order (the dispatcher's read).
std::vector<Rule> EnabledRules(store::Transaction& tx, crm::RecordType type);

// A rule by id, deleted ones included (a deleted rule reads as disabled); nullopt when missing.
std::optional<Rule> LoadRule(store::Transaction& tx, std::int64_t id);

}  // namespace voronka::automation
