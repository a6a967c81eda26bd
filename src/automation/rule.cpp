#include "automation/rule.hpp"

#include <fmt/format.h>

#include <initializer_list>
#include <string_view>

#include "core/duration.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "crm/custom_fields.hpp"
#include "messaging/template.hpp"
#include "messaging/webhook.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxSubject = 500;
constexpr std::size_t kMaxLocation = 500;
constexpr std::size_t kMaxNotifyText = 2000;
constexpr std::size_t kMaxFieldName = 100;
constexpr std::size_t kMaxSecret = 200;
constexpr std::size_t kMaxInValues = 100;
constexpr std::size_t kMaxUserIds = 100;

constexpr std::string_view kRecordTypes = "lead, deal, contact, company";
constexpr std::string_view kTriggerTypes =
    "record_created, stage_entered, stage_overdue, field_changed, task_overdue, deal_won, deal_lost, "
    "scheduled";
constexpr std::string_view kActionTypes =
    "send_sms, send_email, create_task, change_owner, move_stage, webhook, notify";
constexpr std::string_view kOps = "=, !=, >, <, in, empty";
constexpr std::string_view kTaskKinds = "call, meeting, email, todo";

// Reads the members of one JSON object whose errors name `prefix` + key ("trigger.stage_id");
// the first error wins. A null member reads as absent.
class Reader {
public:
    Reader(const Json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

    std::string Field(std::string_view key) const { return prefix_ + std::string(key); }

    // Refuses the first key not in `allowed`.
    void Keys(std::initializer_list<std::string_view> allowed) {
        for (const auto& [key, value] : object_.items()) {
            bool known = false;
            for (const auto name : allowed) known = known || key == name;
            if (!known) Fail(Error::Validation(fmt::format("unknown field {}", Field(key)), Field(key)));
        }
    }

    const Json* Member(std::string_view key, bool required) {
        const auto it = object_.find(key);
        if (it == object_.end() || it->is_null()) {
            if (required) Fail(Error::Validation(fmt::format("{} is required", Field(key)), Field(key)));
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> String(std::string_view key, bool required) {
        const Json* value = Member(key, required);
        if (value == nullptr) return std::nullopt;
        if (!value->is_string()) return WrongType(key, "a string");
        return value->get<std::string>();
    }

    // A positive integer id.
    std::optional<std::int64_t> Id(std::string_view key, bool required) {
        const Json* value = Member(key, required);
        if (value == nullptr) return std::nullopt;
        if (!value->is_number_integer() || value->get<std::int64_t>() <= 0)
            return WrongType(key, "a positive integer");
        return value->get<std::int64_t>();
    }

    std::optional<bool> Bool(std::string_view key) {
        const Json* value = Member(key, false);
        if (value == nullptr) return std::nullopt;
        if (!value->is_boolean()) return WrongType(key, "true or false");
        return value->get<bool>();
    }

    // An ISO 8601 duration; with `may_be_negative`, "-PT2H" is -7200.
    std::optional<std::int64_t> Duration(std::string_view key, bool required, bool may_be_negative = false) {
        const auto text = String(key, required);
        if (!text) return std::nullopt;
        std::string_view body = *text;
        const bool negative = may_be_negative && body.starts_with('-');
        if (negative) body.remove_prefix(1);
        const auto seconds = ParseIsoDuration(body);
        if (!seconds) {
            return WrongType(key, may_be_negative ? "an ISO 8601 duration such as PT2H or -PT2H"
                                                  : "an ISO 8601 duration such as PT0S, PT2H or P1D");
        }
        return negative ? -*seconds : *seconds;
    }

    void Fail(Error error) {
        if (!error_) error_ = std::move(error);
    }
    bool ok() const { return !error_.has_value(); }
    Error TakeError() { return std::move(*error_); }

private:
    std::nullopt_t WrongType(std::string_view key, std::string_view expected) {
        Fail(Error::Validation(fmt::format("{} must be {}", Field(key), expected), Field(key)));
        return std::nullopt;
    }

    const Json& object_;
    std::string prefix_;
    std::optional<Error> error_;
};

std::string Indexed(std::string_view name, std::size_t i) {
    return fmt::format("{}[{}]", name, i);
}

bool FitsRecordType(TriggerType trigger, crm::RecordType type) {
    switch (trigger) {
        case TriggerType::kStageEntered:
        case TriggerType::kStageOverdue:
            return type == crm::RecordType::kLead || type == crm::RecordType::kDeal;
        case TriggerType::kDealWon:
        case TriggerType::kDealLost: return type == crm::RecordType::kDeal;
        case TriggerType::kRecordCreated:
        case TriggerType::kFieldChanged:
        case TriggerType::kTaskOverdue:
        case TriggerType::kScheduled: return true;
    }
    return false;
}

bool IsScalar(const Json& value) {
    return value.is_string() || value.is_number() || value.is_boolean();
}

// Reads `trigger` of a rule of `record_type` into `rule.trigger`.
void ReadTrigger(const Json& json, crm::RecordType record_type, Rule& rule, Reader& top) {
    if (!json.is_object()) return top.Fail(Error::Validation("trigger must be an object", "trigger"));
    Reader in(json, "trigger.");
    const auto type_name = in.String("type", true);
    if (!in.ok()) return top.Fail(in.TakeError());
    const auto type = ParseTriggerType(*type_name);
    if (!type) return top.Fail(NotOneOf("trigger.type", kTriggerTypes));
    Trigger& trigger = rule.trigger;
    trigger.type = *type;
    switch (*type) {
        case TriggerType::kRecordCreated:
        case TriggerType::kTaskOverdue:
        case TriggerType::kDealWon:
        case TriggerType::kDealLost: in.Keys({"type"}); break;
        case TriggerType::kStageEntered:
        case TriggerType::kStageOverdue:
            in.Keys({"type", "pipeline_id", "stage_id"});
            trigger.pipeline_id = in.Id("pipeline_id", false);
            trigger.stage_id = in.Id("stage_id", *type == TriggerType::kStageEntered);
            break;
        case TriggerType::kFieldChanged:
            in.Keys({"type", "field", "to"});
            trigger.field = in.String("field", true);
            if (const Json* to = in.Member("to", false)) {
                if (IsScalar(*to))
                    trigger.to = *to;
                else
                    in.Fail(
                        Error::Validation("trigger.to must be a string, number or boolean", "trigger.to"));
            }
            break;
        case TriggerType::kScheduled:
            in.Keys({"type", "relative_to", "offset"});
            trigger.relative_to = in.String("relative_to", true);
            trigger.offset_seconds = in.Duration("offset", true, true).value_or(0);
            break;
    }
    const auto check_name = [&](const std::optional<std::string>& name, std::string_view key) {
        if (name && (name->empty() || name->size() > kMaxFieldName)) {
            in.Fail(Error::Validation(fmt::format("trigger.{} must name a field", key), in.Field(key)));
        }
    };
    check_name(trigger.field, "field");
    check_name(trigger.relative_to, "relative_to");
    if (in.ok() && !FitsRecordType(*type, record_type)) {
        in.Fail(Error::Validation(
            fmt::format("trigger {} does not apply to a {}", *type_name, crm::RecordTypeName(record_type)),
            "trigger.type"));
    }
    if (!in.ok()) top.Fail(in.TakeError());
}

std::optional<Condition> ReadCondition(const Json& json, std::size_t i, Reader& top) {
    const std::string name = Indexed("conditions", i);
    if (!json.is_object()) {
        top.Fail(Error::Validation(fmt::format("{} must be an object", name), name));
        return std::nullopt;
    }
    Reader in(json, name + ".");
    in.Keys({"field", "op", "value"});
    Condition condition;
    condition.field = in.String("field", true).value_or("");
    if (in.ok() && (condition.field.empty() || condition.field.size() > kMaxFieldName)) {
        in.Fail(Error::Validation(fmt::format("{}.field must name a field", name), in.Field("field")));
    }
    if (const auto op = in.String("op", true)) {
        const auto parsed = ParseConditionOp(*op);
        if (!parsed)
            in.Fail(NotOneOf(in.Field("op"), kOps));
        else
            condition.op = *parsed;
    }
    const auto value_it = json.find("value");
    if (in.ok()) {
        if (value_it == json.end()) {
            in.Fail(Error::Validation(fmt::format("{}.value is required", name), in.Field("value")));
        } else {
            condition.value = *value_it;
            const Json& value = *value_it;
            bool fits = true;
            std::string_view expected;
            switch (condition.op) {
                case ConditionOp::kEq:
                case ConditionOp::kNe:
                    fits = value.is_null() || IsScalar(value);
                    expected = "a string, number, boolean or null";
                    break;
                case ConditionOp::kGt:
                case ConditionOp::kLt:
                    fits = value.is_string() || value.is_number();
                    expected = "a number or a string";
                    break;
                case ConditionOp::kIn:
                    fits = value.is_array() && !value.empty() && value.size() <= kMaxInValues;
                    for (const auto& item : value) fits = fits && (IsScalar(item) || item.is_null());
                    expected = "an array of 1 to 100 strings, numbers or booleans";
                    break;
                case ConditionOp::kEmpty:
                    fits = value.is_boolean();
                    expected = "true or false";
                    break;
            }
            if (!fits) {
                in.Fail(
                    Error::Validation(fmt::format("{}.value must be {}", name, expected), in.Field("value")));
            }
        }
    }
    if (!in.ok()) {
        top.Fail(in.TakeError());
        return std::nullopt;
    }
    return condition;
}

void CheckTextInto(Reader& in, std::string_view key, std::size_t max, std::string& out) {
    const auto text = in.String(key, true);
    if (!text) return;
    auto checked = CheckText(*text, in.Field(key), max);
    if (!checked) return in.Fail(std::move(checked).error());
    out = *checked;
}

std::optional<Action> ReadAction(const Json& json, std::size_t i, Reader& top) {
    const std::string name = Indexed("actions", i);
    if (!json.is_object()) {
        top.Fail(Error::Validation(fmt::format("{} must be an object", name), name));
        return std::nullopt;
    }
    Reader in(json, name + ".");
    const auto type_name = in.String("type", true);
    if (!in.ok()) {
        top.Fail(in.TakeError());
        return std::nullopt;
    }
    const auto type = ParseActionType(*type_name);
    if (!type) {
        top.Fail(NotOneOf(in.Field("type"), kActionTypes));
        return std::nullopt;
    }
    Action action;
    action.type = *type;
    switch (*type) {
        case ActionType::kSendSms:
        case ActionType::kSendEmail:
            in.Keys({"type", "template_id", "to"});
            action.template_id = in.Id("template_id", true);
            if (const auto to = in.String("to", false)) {
                if (*to != "contact" && *to != "owner")
                    in.Fail(NotOneOf(in.Field("to"), "contact, owner"));
                else
                    action.to = *to;
            }
            break;
        case ActionType::kCreateTask: {
            in.Keys({"type", "kind", "subject", "due", "assignee_id", "department_id", "location"});
            if (const auto kind = in.String("kind", false)) {
                const auto parsed = crm::ParseTaskKind(*kind);
                if (!parsed)
                    in.Fail(NotOneOf(in.Field("kind"), kTaskKinds));
                else
                    action.task_kind = *parsed;
            }
            CheckTextInto(in, "subject", kMaxSubject, action.subject);
            action.due_seconds = in.Duration("due", true).value_or(0);
            action.assignee_id = in.Id("assignee_id", false);
            action.department_id = in.Id("department_id", false);
            if (in.ok() && action.assignee_id && action.department_id) {
                in.Fail(
                    Error::Validation(fmt::format("{}: give assignee_id or department_id, not both", name),
                                      in.Field("department_id")));
            }
            if (in.ok() && in.Member("location", false) != nullptr) {
                if (action.task_kind != crm::TaskKind::kMeeting) {
                    in.Fail(Error::Validation("location is for meetings only", in.Field("location")));
                } else {
                    std::string location;
                    CheckTextInto(in, "location", kMaxLocation, location);
                    action.location = location;
                }
            }
            break;
        }
        case ActionType::kChangeOwner:
            in.Keys({"type", "owner_id"});
            action.owner_id = in.Id("owner_id", true);
            break;
        case ActionType::kMoveStage:
            in.Keys({"type", "stage_id"});
            action.stage_id = in.Id("stage_id", true);
            break;
        case ActionType::kWebhook:
            in.Keys({"type", "url", "secret", "secret_set"});
            action.url = in.String("url", true).value_or("");
            if (in.ok()) {
                if (auto ok = messaging::CheckWebhookUrl(action.url, in.Field("url")); !ok)
                    in.Fail(std::move(ok).error());
            }
            action.secret = in.String("secret", true).value_or("");
            if (in.ok() && (action.secret.empty() || action.secret.size() > kMaxSecret)) {
                in.Fail(
                    Error::Validation(fmt::format("{}.secret must have 1 to {} characters", name, kMaxSecret),
                                      in.Field("secret")));
            }
            in.Bool("secret_set");
            break;
        case ActionType::kNotify: {
            in.Keys({"type", "text", "user_ids", "owner", "head"});
            if (const auto text = in.String("text", true)) {
                const std::string_view trimmed = Trim(*text);
                if (trimmed.empty() || Utf8Length(trimmed) > kMaxNotifyText || !IsValidUtf8(trimmed)) {
                    in.Fail(Error::Validation(
                        fmt::format("{}.text must have 1 to {} characters", name, kMaxNotifyText),
                        in.Field("text")));
                }
                action.text = std::string(trimmed);
                // The text is a template: unbalanced braces or an unknown placeholder are refused now,
                // not at run time.
                if (auto parsed = messaging::ParseTemplate(action.text, in.Field("text")); !parsed) {
                    in.Fail(std::move(parsed).error());
                }
            }
            if (const Json* ids = in.Member("user_ids", false)) {
                bool fits = ids->is_array() && ids->size() <= kMaxUserIds;
                for (const auto& id : *ids)
                    fits = fits && id.is_number_integer() && id.get<std::int64_t>() > 0;
                if (!fits) {
                    in.Fail(Error::Validation(
                        fmt::format("{}.user_ids must be an array of up to {} user ids", name, kMaxUserIds),
                        in.Field("user_ids")));
                } else {
                    for (const auto& id : *ids) action.user_ids.push_back(id.get<std::int64_t>());
                }
            }
            action.notify_owner = in.Bool("owner").value_or(false);
            action.notify_head = in.Bool("head").value_or(false);
            if (in.ok() && action.user_ids.empty() && !action.notify_owner && !action.notify_head) {
                in.Fail(Error::Validation(fmt::format("{} needs a recipient: user_ids, owner or head", name),
                                          in.Field("user_ids")));
            }
            break;
        }
    }
    if (!in.ok()) {
        top.Fail(in.TakeError());
        return std::nullopt;
    }
    return action;
}

Json OrNull(const std::optional<std::int64_t>& value) {
    return value ? Json(*value) : Json(nullptr);
}

std::string SignedDuration(std::int64_t seconds) {
    return seconds < 0 ? "-" + FormatIsoDuration(-seconds) : FormatIsoDuration(seconds);
}

Json TriggerJson(const Trigger& trigger) {
    Json out{{"type", TriggerTypeName(trigger.type)}};
    switch (trigger.type) {
        case TriggerType::kStageEntered:
        case TriggerType::kStageOverdue:
            out["pipeline_id"] = OrNull(trigger.pipeline_id);
            out["stage_id"] = OrNull(trigger.stage_id);
            break;
        case TriggerType::kFieldChanged:
            out["field"] = trigger.field.value_or("");
            if (trigger.to) out["to"] = *trigger.to;
            break;
        case TriggerType::kScheduled:
            out["relative_to"] = trigger.relative_to.value_or("");
            out["offset"] = SignedDuration(trigger.offset_seconds);
            break;
        case TriggerType::kRecordCreated:
        case TriggerType::kTaskOverdue:
        case TriggerType::kDealWon:
        case TriggerType::kDealLost: break;
    }
    return out;
}

Json ActionJson(const Action& action, bool with_secret) {
    Json out{{"type", ActionTypeName(action.type)}};
    switch (action.type) {
        case ActionType::kSendSms:
        case ActionType::kSendEmail:
            out["template_id"] = OrNull(action.template_id);
            out["to"] = action.to;
            break;
        case ActionType::kCreateTask:
            out["kind"] = crm::TaskKindName(action.task_kind);
            out["subject"] = action.subject;
            out["due"] = FormatIsoDuration(action.due_seconds);
            out["assignee_id"] = OrNull(action.assignee_id);
            out["department_id"] = OrNull(action.department_id);
            out["location"] = action.location ? Json(*action.location) : Json(nullptr);
            break;
        case ActionType::kChangeOwner: out["owner_id"] = OrNull(action.owner_id); break;
        case ActionType::kMoveStage: out["stage_id"] = OrNull(action.stage_id); break;
        case ActionType::kWebhook:
            out["url"] = action.url;
            if (with_secret)
                out["secret"] = action.secret;
            else
                out["secret_set"] = !action.secret.empty();
            break;
        case ActionType::kNotify:
            out["text"] = action.text;
            out["user_ids"] = action.user_ids;
            out["owner"] = action.notify_owner;
            out["head"] = action.notify_head;
            break;
    }
    return out;
}

Json ConditionJson(const Condition& condition) {
    return {{"field", condition.field}, {"op", ConditionOpName(condition.op)}, {"value", condition.value}};
}

Json DefinitionJson(const Rule& rule, bool with_secrets) {
    Json conditions = Json::array();
    for (const auto& condition : rule.conditions) conditions.push_back(ConditionJson(condition));
    Json actions = Json::array();
    for (const auto& action : rule.actions) actions.push_back(ActionJson(action, with_secrets));
    return {{"trigger", TriggerJson(rule.trigger)},
            {"conditions", std::move(conditions)},
            {"actions", std::move(actions)},
            {"delay", FormatIsoDuration(rule.delay_seconds)}};
}

// --- planning and facts ---------------------------------------------------------------------

std::optional<std::int64_t> IntAt(const Json& object, std::string_view key) {
    if (!object.is_object()) return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

std::optional<std::string> StringAt(const Json& object, std::string_view key) {
    if (!object.is_object()) return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

bool BoolAt(const Json& object, std::string_view key) {
    if (!object.is_object()) return false;
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

// A time in the facts: Unix seconds or ISO 8601 text.
std::optional<UnixTime> TimeOf(const Json& value) {
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_string()) return ParseIso8601(value.get<std::string>());
    return std::nullopt;
}

// A field of the facts ("custom_fields.NAME" reads the custom values); null when absent.
Json FieldOf(const Json& facts, const std::string& field) {
    static const Json kNull = nullptr;
    if (!facts.is_object()) return kNull;
    constexpr std::string_view kCustom = "custom_fields.";
    if (field.starts_with(kCustom)) {
        const auto custom = facts.find("custom_fields");
        if (custom == facts.end() || !custom->is_object()) return kNull;
        const auto it = custom->find(field.substr(kCustom.size()));
        return it == custom->end() ? kNull : *it;
    }
    const auto it = facts.find(field);
    return it == facts.end() ? kNull : *it;
}

bool StageMatches(const Trigger& trigger, const Json& data) {
    if (trigger.stage_id && IntAt(data, "stage_id") != trigger.stage_id) return false;
    if (trigger.pipeline_id && IntAt(data, "pipeline_id") != trigger.pipeline_id) return false;
    return true;
}

// The occurrence names the stage entry by its event: entries within one second (a chain of rules
// moving a record back and forth) are distinct occurrences.
std::optional<Firing> StageFiring(const Event& event, UnixTime base, std::string_view tag,
                                  std::int64_t delay) {
    const Json& data = event.data;
    const auto stage = IntAt(data, "stage_id");
    const auto entered = IntAt(data, "entered_at");
    if (!stage || !entered) return std::nullopt;
    return Firing{.due_at = base + delay,
                  .occurrence = fmt::format("{}:{}:{}", tag, *stage, event.id),
                  .guard = Json{{"stage_id", *stage}, {"entered_at", *entered}}};
}

std::optional<Firing> TaskFiring(const Json& data, std::string_view tag, std::int64_t shift) {
    const auto task = IntAt(data, "task_id");
    const auto due = IntAt(data, "due_at");
    if (!task || !due || !BoolAt(data, "open")) return std::nullopt;
    return Firing{.due_at = *due + shift,
                  .occurrence = fmt::format("{}:{}:{}", tag, *task, *due),
                  .guard = Json{{"task_id", *task}, {"due_at", *due}}};
}

// The change of `field` in a record_changed event, if any.
const Json* ChangeOf(const Json& data, const std::string& field) {
    if (!data.is_object()) return nullptr;
    const auto changes = data.find("changes");
    if (changes == data.end() || !changes->is_array()) return nullptr;
    for (const auto& change : *changes) {
        if (StringAt(change, "field") == field) return &change;
    }
    return nullptr;
}

std::optional<std::string> NewText(const Json& change) {
    const auto it = change.find("new");
    if (it == change.end()) return std::nullopt;
    return HistoryTextOf(*it);
}

bool Equal(const Json& a, const Json& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_number_integer() && b.is_number_integer())
            return a.get<std::int64_t>() == b.get<std::int64_t>();
        return a.get<double>() == b.get<double>();
    }
    return HistoryTextOf(a) == HistoryTextOf(b);
}

// a < b (less) or a > b; false when either is null or only one is a number.
bool Compare(const Json& a, const Json& b, bool less) {
    if (a.is_number() && b.is_number()) {
        if (a.is_number_integer() && b.is_number_integer()) {
            return less ? a.get<std::int64_t>() < b.get<std::int64_t>()
                        : a.get<std::int64_t>() > b.get<std::int64_t>();
        }
        return less ? a.get<double>() < b.get<double>() : a.get<double>() > b.get<double>();
    }
    if (a.is_number() || b.is_number()) return false;
    const auto left = HistoryTextOf(a);
    const auto right = HistoryTextOf(b);
    if (!left || !right) return false;
    return less ? *left < *right : *left > *right;
}

bool IsEmptyValue(const Json& value) {
    return value.is_null() || (value.is_string() && value.get<std::string>().empty()) ||
           ((value.is_array() || value.is_object()) && value.empty());
}

bool Holds(const Condition& condition, const Json& facts) {
    const Json value = FieldOf(facts, condition.field);
    switch (condition.op) {
        case ConditionOp::kEq: return Equal(value, condition.value);
        case ConditionOp::kNe: return !Equal(value, condition.value);
        case ConditionOp::kGt: return Compare(value, condition.value, false);
        case ConditionOp::kLt: return Compare(value, condition.value, true);
        case ConditionOp::kIn:
            if (!condition.value.is_array()) return false;
            for (const auto& item : condition.value) {
                if (Equal(value, item)) return true;
            }
            return false;
        case ConditionOp::kEmpty:
            return IsEmptyValue(value) == (condition.value.is_boolean() && condition.value.get<bool>());
    }
    return false;
}

}  // namespace

Result<Rule> ParseRule(const Json& json) {
    if (!json.is_object()) return Error::Validation("a rule must be a JSON object");
    Reader top(json, "");
    top.Keys({"name", "enabled", "record_type", "trigger", "conditions", "actions", "delay"});
    Rule rule;
    if (const auto name = top.String("name", true)) {
        auto checked = CheckText(*name, "name", kMaxName);
        if (!checked)
            top.Fail(std::move(checked).error());
        else
            rule.name = *checked;
    }
    rule.enabled = top.Bool("enabled").value_or(true);
    if (const auto type = top.String("record_type", true)) {
        const auto parsed = crm::ParseRecordType(*type);
        if (!parsed)
            top.Fail(NotOneOf("record_type", kRecordTypes));
        else
            rule.record_type = *parsed;
    }
    if (const Json* trigger = top.Member("trigger", true); trigger != nullptr && top.ok()) {
        ReadTrigger(*trigger, rule.record_type, rule, top);
    }
    if (const Json* conditions = top.Member("conditions", false); conditions != nullptr && top.ok()) {
        if (!conditions->is_array()) {
            top.Fail(Error::Validation("conditions must be an array", "conditions"));
        } else if (conditions->size() > kMaxConditions) {
            top.Fail(Error::Validation(fmt::format("a rule has at most {} conditions", kMaxConditions),
                                       "conditions"));
        } else {
            for (std::size_t i = 0; i < conditions->size() && top.ok(); ++i) {
                if (auto condition = ReadCondition((*conditions)[i], i, top))
                    rule.conditions.push_back(*condition);
            }
        }
    }
    if (const Json* actions = top.Member("actions", true); actions != nullptr && top.ok()) {
        if (!actions->is_array() || actions->empty()) {
            top.Fail(Error::Validation("actions must be an array of at least one action", "actions"));
        } else if (actions->size() > kMaxActions) {
            top.Fail(Error::Validation(fmt::format("a rule has at most {} actions", kMaxActions), "actions"));
        } else {
            for (std::size_t i = 0; i < actions->size() && top.ok(); ++i) {
                if (auto action = ReadAction((*actions)[i], i, top)) rule.actions.push_back(*action);
            }
        }
    }
    rule.delay_seconds = top.Duration("delay", false).value_or(0);
    if (!top.ok()) return top.TakeError();
    return rule;
}

Json RuleToJson(const Rule& rule) {
    Json out{{"id", rule.id},
             {"name", rule.name},
             {"enabled", rule.enabled},
             {"record_type", crm::RecordTypeName(rule.record_type)}};
    out.update(DefinitionJson(rule, false));
    out["enabled_at"] = rule.enabled_at ? Json(FormatIso8601(*rule.enabled_at)) : Json(nullptr);
    out["created_by"] = OrNull(rule.created_by);
    out["department_id"] = OrNull(rule.department_id);
    out["author_id"] = OrNull(rule.author_id);
    out["created_at"] = FormatIso8601(rule.created_at);
    out["updated_at"] = FormatIso8601(rule.updated_at);
    return out;
}

Json RuleDefinitionJson(const Rule& rule) {
    return DefinitionJson(rule, true);
}

std::optional<std::string> HistoryTextOf(const Json& value) {
    if (value.is_null()) return std::nullopt;
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    return value.dump();
}

std::optional<Firing> PlanOverdue(const Rule& rule, const StageEntry& entry) {
    if (!rule.enabled || rule.trigger.type != TriggerType::kStageOverdue || entry.type != rule.record_type) {
        return std::nullopt;
    }
    if (rule.enabled_at && entry.entered_at < *rule.enabled_at) return std::nullopt;
    if (rule.trigger.stage_id && entry.stage_id != *rule.trigger.stage_id) return std::nullopt;
    if (rule.trigger.pipeline_id && entry.pipeline_id != *rule.trigger.pipeline_id) return std::nullopt;
    return Firing{.due_at = entry.deadline + rule.delay_seconds,
                  .occurrence = fmt::format("overdue:{}:{}", entry.stage_id, entry.entered_at),
                  .guard = Json{{"stage_id", entry.stage_id}, {"entered_at", entry.entered_at}}};
}

std::optional<Firing> PlanFiring(const Rule& rule, const Event& event,
                                 const LocalMidnightFn& local_midnight) {
    if (!rule.enabled || event.record_type != rule.record_type) return std::nullopt;
    if (rule.enabled_at && event.at < *rule.enabled_at) return std::nullopt;
    const Trigger& trigger = rule.trigger;
    const Json& data = event.data;
    const std::int64_t delay = rule.delay_seconds;
    switch (trigger.type) {
        case TriggerType::kRecordCreated:
            if (event.kind != EventKind::kRecordCreated) return std::nullopt;
            return Firing{.due_at = event.at + delay, .occurrence = "created", .guard = Json::object()};
        case TriggerType::kStageEntered:
            if (event.kind != EventKind::kStageEntered || !StageMatches(trigger, data)) return std::nullopt;
            return StageFiring(event, IntAt(data, "entered_at").value_or(event.at), "stage", delay);
        case TriggerType::kDealWon:
        case TriggerType::kDealLost: {
            if (event.kind != EventKind::kStageEntered || event.record_type != crm::RecordType::kDeal) {
                return std::nullopt;
            }
            const std::string_view wanted = trigger.type == TriggerType::kDealWon ? "won" : "lost";
            if (StringAt(data, "stage_kind") != wanted) return std::nullopt;
            return StageFiring(event, IntAt(data, "entered_at").value_or(event.at), "stage", delay);
        }
        case TriggerType::kStageOverdue: return std::nullopt;  // PlanOverdue, from the deadline scan
        case TriggerType::kFieldChanged: {
            if (event.kind != EventKind::kRecordChanged || !trigger.field) return std::nullopt;
            const Json* change = ChangeOf(data, *trigger.field);
            if (change == nullptr) return std::nullopt;
            if (trigger.to && NewText(*change) != HistoryTextOf(*trigger.to)) return std::nullopt;
            return Firing{.due_at = event.at + delay,
                          .occurrence = fmt::format("field:{}:{}", *trigger.field, event.id),
                          .guard = Json::object()};
        }
        case TriggerType::kTaskOverdue:
            if (event.kind != EventKind::kTaskChanged) return std::nullopt;
            return TaskFiring(data, "task", delay);
        case TriggerType::kScheduled: {
            if (!trigger.relative_to) return std::nullopt;
            if (*trigger.relative_to == "meeting") {
                if (event.kind != EventKind::kTaskChanged || StringAt(data, "kind") != "meeting")
                    return std::nullopt;
                return TaskFiring(data, "meeting", trigger.offset_seconds + delay);
            }
            if (event.kind != EventKind::kRecordChanged) return std::nullopt;
            const Json* change = ChangeOf(data, *trigger.relative_to);
            if (change == nullptr) return std::nullopt;
            const auto date = NewText(*change);
            if (!date || !crm::IsIsoDate(*date) || !local_midnight) return std::nullopt;
            const auto midnight = local_midnight(*date);
            if (!midnight) return std::nullopt;
            return Firing{.due_at = *midnight + trigger.offset_seconds + delay,
                          .occurrence = fmt::format("date:{}:{}", *trigger.relative_to, *date),
                          .guard = Json{{"field", *trigger.relative_to}, {"value", *date}}};
        }
    }
    return std::nullopt;
}

bool GuardHolds(const Json& guard, const Json& facts) {
    if (!guard.is_object() || guard.empty()) return true;
    if (!facts.is_object()) return false;
    if (guard.contains("stage_id")) {
        const auto entered = facts.find("stage_entered_at");
        if (IntAt(facts, "stage_id") != IntAt(guard, "stage_id")) return false;
        if (entered == facts.end() || TimeOf(*entered) != IntAt(guard, "entered_at")) return false;
    }
    if (guard.contains("task_id")) {
        const auto tasks = facts.find("open_tasks");
        if (tasks == facts.end() || !tasks->is_array()) return false;
        bool found = false;
        for (const auto& task : *tasks) {
            const auto due = task.find("due_at");
            if (IntAt(task, "id") == IntAt(guard, "task_id") && due != task.end() &&
                TimeOf(*due) == IntAt(guard, "due_at")) {
                found = true;
            }
        }
        if (!found) return false;
    }
    if (guard.contains("field")) {
        const auto field = StringAt(guard, "field");
        if (!field) return false;
        if (HistoryTextOf(FieldOf(facts, *field)) != HistoryTextOf(guard.value("value", Json(nullptr))))
            return false;
    }
    return true;
}

bool GuardApplies(std::int64_t delay_seconds, bool stage_overdue, const Json& guard) {
    if (!guard.contains("stage_id")) return true;
    return delay_seconds > 0 || stage_overdue;
}

bool GuardApplies(const Rule& rule, const Json& guard) {
    return GuardApplies(rule.delay_seconds, rule.trigger.type == TriggerType::kStageOverdue, guard);
}

Text CancelReason(const Json& guard) {
    if (guard.contains("stage_id")) return Text::kRunLeftStage;
    if (guard.contains("task_id")) return Text::kRunTaskChanged;
    if (guard.contains("field")) return Text::kRunFieldChanged;
    return Text::kRunTriggerGone;
}

bool ConditionsHold(const std::vector<Condition>& conditions, const Json& facts) {
    for (const auto& condition : conditions) {
        if (!Holds(condition, facts)) return false;
    }
    return true;
}

}  // namespace voronka::automation
