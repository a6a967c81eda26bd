// Automation rules (trigger -> conditions -> ordered actions, optional delay) and the domain
// events they react to. Owned by automation. Plain data; parsing, validation and matching are in
// rule.hpp (pure) and rule_service.hpp (against the database).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "crm/model.hpp"

namespace voronka::automation {

enum class TriggerType {
    kRecordCreated,
    kStageEntered,  // pipeline_id, stage_id
    kStageOverdue,  // optional pipeline_id, stage_id: the stage deadline passed (R7)
    kFieldChanged,  // field, optional `to`
    kTaskOverdue,   // a task of the record is past due and open
    kDealWon,
    kDealLost,
    kScheduled,  // `relative_to` ("meeting" or a date field) + `offset` (ISO 8601, may be negative)
};
std::string_view TriggerTypeName(TriggerType type);  // "record_created", "stage_entered", ...
std::optional<TriggerType> ParseTriggerType(std::string_view name);

struct Trigger {
    TriggerType type = TriggerType::kRecordCreated;
    std::optional<std::int64_t> pipeline_id;
    std::optional<std::int64_t> stage_id;
    std::optional<std::string> field;  // field_changed: "amount", "owner_id", "custom_fields.NAME"
    std::optional<nlohmann::json> to;  // field_changed: fire only when the new value equals this
    std::optional<std::string>
        relative_to;                  // scheduled: "meeting", "expected_close_on", "custom_fields.NAME"
    std::int64_t offset_seconds = 0;  // scheduled: negative is before ("-PT2H")
};

enum class ConditionOp { kEq, kNe, kGt, kLt, kIn, kEmpty };
std::string_view ConditionOpName(ConditionOp op);  // "=", "!=", ">", "<", "in", "empty"
std::optional<ConditionOp> ParseConditionOp(std::string_view name);

// `field` names a record field ("amount", "title", "stage_id", ...), a custom field
// ("custom_fields.NAME"), "owner_id" or "department_id" (the owner's department).
struct Condition {
    std::string field;
    ConditionOp op = ConditionOp::kEq;
    nlohmann::json value;  // a scalar; an array for `in`; true/false for `empty`
};

enum class ActionType { kSendSms, kSendEmail, kCreateTask, kChangeOwner, kMoveStage, kWebhook, kNotify };
std::string_view ActionTypeName(ActionType type);  // "send_sms", "send_email", "create_task", ...
std::optional<ActionType> ParseActionType(std::string_view name);

struct Action {
    ActionType type = ActionType::kNotify;
    // send_sms, send_email: the template (of the matching kind); the recipient is the record's
    // contact (for a contact: itself; for a company: the company) unless `to` gives "owner".
    std::optional<std::int64_t> template_id;
    std::string to = "contact";  // "contact" or "owner"
    // create_task: for the record's owner (default), `assignee_id`, or `department_id`'s queue.
    crm::TaskKind task_kind = crm::TaskKind::kTodo;
    std::string subject;
    std::optional<std::int64_t> assignee_id;
    std::optional<std::int64_t> department_id;
    std::int64_t due_seconds = 0;  // deadline after the action runs ("due": "P1D")
    std::optional<std::string> location;
    // change_owner
    std::optional<std::int64_t> owner_id;
    // move_stage (a stage of the record's pipeline)
    std::optional<std::int64_t> stage_id;
    // webhook: http(s) URL; the body is signed with HMAC-SHA256 of `secret`.
    std::string url;
    std::string secret;
    // notify: the text (placeholders as in templates), to these users and/or the owner and the
    // head of the owner's department.
    std::string text;
    std::vector<std::int64_t> user_ids;
    bool notify_owner = false;
    bool notify_head = false;
};

struct Rule {
    std::int64_t id = 0;
    std::string name;
    bool enabled = true;
    crm::RecordType record_type = crm::RecordType::kDeal;
    Trigger trigger;
    std::vector<Condition> conditions;
    std::vector<Action> actions;
    std::int64_t delay_seconds = 0;
    std::optional<UnixTime> enabled_at;
    std::optional<std::int64_t> created_by;
    // The rule's scope (auth/config_scope.hpp): a department's, or organisation-wide (nullopt).
    std::optional<std::int64_t> department_id;
    // Whose sight the rule acts with (automation/sight.hpp): the last user who saved it; none for
    // a rule saved by no signed-in user.
    std::optional<std::int64_t> author_id;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

// A row of domain_events (crm/events.hpp writes them).
enum class EventKind { kRecordCreated, kRecordChanged, kStageEntered, kTaskChanged };
struct Event {
    std::int64_t id = 0;
    EventKind kind = EventKind::kRecordCreated;
    crm::RecordType record_type = crm::RecordType::kDeal;
    std::int64_t record_id = 0;
    nlohmann::json data;  // see crm/events.hpp for each kind's fields
    int depth = 0;
    std::optional<std::int64_t> by_user_id;
    UnixTime at = 0;
};

}  // namespace voronka::automation
