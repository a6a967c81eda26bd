#include "automation/model.hpp"

#include "core/names.hpp"

namespace voronka::automation {
namespace {

constexpr NameTable<TriggerType, 8> kTriggers{{
    {TriggerType::kRecordCreated, "record_created"},
    {TriggerType::kStageEntered, "stage_entered"},
    {TriggerType::kStageOverdue, "stage_overdue"},
    {TriggerType::kFieldChanged, "field_changed"},
    {TriggerType::kTaskOverdue, "task_overdue"},
    {TriggerType::kDealWon, "deal_won"},
    {TriggerType::kDealLost, "deal_lost"},
    {TriggerType::kScheduled, "scheduled"},
}};
constexpr NameTable<ConditionOp, 6> kOps{{
    {ConditionOp::kEq, "="},
    {ConditionOp::kNe, "!="},
    {ConditionOp::kGt, ">"},
    {ConditionOp::kLt, "<"},
    {ConditionOp::kIn, "in"},
    {ConditionOp::kEmpty, "empty"},
}};
constexpr NameTable<ActionType, 7> kActions{{
    {ActionType::kSendSms, "send_sms"},
    {ActionType::kSendEmail, "send_email"},
    {ActionType::kCreateTask, "create_task"},
    {ActionType::kChangeOwner, "change_owner"},
    {ActionType::kMoveStage, "move_stage"},
    {ActionType::kWebhook, "webhook"},
    {ActionType::kNotify, "notify"},
}};

}  // namespace

std::string_view TriggerTypeName(TriggerType type) {
    return NameIn(kTriggers, type);
}
std::optional<TriggerType> ParseTriggerType(std::string_view name) {
    return ValueIn(kTriggers, name);
}
std::string_view ConditionOpName(ConditionOp op) {
    return NameIn(kOps, op);
}
std::optional<ConditionOp> ParseConditionOp(std::string_view name) {
    return ValueIn(kOps, name);
}
std::string_view ActionTypeName(ActionType type) {
    return NameIn(kActions, type);
}
std::optional<ActionType> ParseActionType(std::string_view name) {
    return ValueIn(kActions, name);
}

}  // namespace voronka::automation
