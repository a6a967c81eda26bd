#include "crm/rules.hpp"

#include <fmt/format.h>

#include "auth/visibility.hpp"

namespace voronka::crm {

std::optional<UnixTime> StageDeadline(const Stage& stage, UnixTime entered_at) {
    if (stage.kind != StageKind::kOpen || !stage.max_duration) return std::nullopt;
    return entered_at + *stage.max_duration;
}

bool IsStageOverdue(const StagePosition& position, UnixTime now) {
    return position.is_open && position.deadline && *position.deadline < now;
}

bool BecameStageOverdue(const StagePosition& position, UnixTime since, UnixTime now) {
    return IsStageOverdue(position, now) && !IsStageOverdue(position, since);
}

bool MayEnterPipeline(std::optional<std::int64_t> pipeline_department,
                      std::optional<std::int64_t> owner_department) {
    return !pipeline_department || pipeline_department == owner_department;
}

bool IsTaskOpen(const Task& task) {
    return !task.done_at;
}

bool SeesTask(const store::Scope& scope, std::optional<std::int64_t> caller_department, const Task& task,
              std::optional<std::int64_t> owner_department) {
    return auth::Sees(scope, task.owner_id, owner_department) || task.assignee_id == scope.user_id ||
           (task.department_id && task.department_id == caller_department);
}

bool NeedsNextStep(const NextStepSubject& subject) {
    if (subject.is_deleted) return false;
    switch (subject.type) {
        case RecordType::kLead:
        case RecordType::kDeal: return subject.is_open;
        case RecordType::kContact: return subject.is_client;
        case RecordType::kCompany: return false;
    }
    return false;
}

NextStepSubject SubjectOf(const Lead& lead) {
    return NextStepSubject{.type = RecordType::kLead,
                           .is_open = lead.stage.is_open && !lead.converted_at,
                           .is_client = false,
                           .is_deleted = lead.deleted_at.has_value()};
}

NextStepSubject SubjectOf(const Deal& deal) {
    return NextStepSubject{.type = RecordType::kDeal,
                           .is_open = deal.stage.is_open,
                           .is_client = false,
                           .is_deleted = deal.deleted_at.has_value()};
}

NextStepSubject SubjectOf(const Contact& contact) {
    return NextStepSubject{.type = RecordType::kContact,
                           .is_open = false,
                           .is_client = contact.is_client,
                           .is_deleted = contact.deleted_at.has_value()};
}

NextStepVerdict JudgeNextStep(const NextStepSubject& subject, int open_tasks_after, NextStepPolicy policy) {
    if (open_tasks_after > 0 || !NeedsNextStep(subject)) return NextStepVerdict::kAllowed;
    return policy == NextStepPolicy::kEnforce ? NextStepVerdict::kRefuse : NextStepVerdict::kWarn;
}

Error NextStepRequired(RecordType type) {
    return Error{ErrorCode::kNextStepRequired,
                 fmt::format("this {} would be left without an open task: give the next step (next_task)",
                             RecordTypeName(type)),
                 "next_task"};
}

std::string NextStepWarning(RecordType type) {
    return fmt::format("this {} has no open task left: plan the next step", RecordTypeName(type));
}

}  // namespace voronka::crm
