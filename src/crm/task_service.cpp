#include "crm/task_service.hpp"

#include <fmt/format.h>

#include "auth/visibility.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "crm/events.hpp"
#include "crm/history.hpp"
#include "crm/record_access.hpp"
#include "crm/rules.hpp"
#include "crm/tasks_hooks.hpp"
#include "crm_sql.hpp"
#include "store/scope.hpp"

namespace voronka::crm {
namespace {

using store::Param;

constexpr std::size_t kMaxSubject = 500;
constexpr std::size_t kMaxLocation = 500;
constexpr std::size_t kMaxResult = 10000;

std::string Prefixed(std::string_view prefix, std::string_view field) {
    return std::string(prefix) + std::string(field);
}

// The values of a new task's fields that need no database; `prefix` names the fields of a
// next task ("next_task.").
Status CheckTaskFields(TaskFields& fields, std::string_view prefix) {
    auto subject = CheckText(fields.subject, Prefixed(prefix, "subject"), kMaxSubject);
    if (!subject) return std::move(subject).error();
    fields.subject = *subject;
    if (auto ok = CheckUserTime(fields.due_at, Prefixed(prefix, "due_at")); !ok) return ok;
    if (fields.location) {
        if (fields.kind != TaskKind::kMeeting) {
            return Error::Validation("location is for meetings only", Prefixed(prefix, "location"));
        }
        auto location = CheckText(*fields.location, Prefixed(prefix, "location"), kMaxLocation);
        if (!location) return std::move(location).error();
        fields.location = *location;
    }
    return Ok{};
}

std::optional<std::int64_t> CallerDepartment(const auth::Principal& principal) {
    return principal.user.department_id;
}

std::optional<Task> LoadVisibleTask(store::Transaction& tx, const auth::Principal& principal,
                                    std::int64_t id) {
    const auto row = tx.FetchOne(
        sql::kTaskGet,
        store::ScopedParams(auth::ScopeOf(principal), {Param(CallerDepartment(principal)), Param(id)}));
    if (!row) return std::nullopt;
    return TaskFromRow(*row);
}

// A task that exists, whatever its sight; its record_title only when `title_scope` sees the
// record (Everything for the system's own reads, the caller's scope for an answer to them).
Task LoadTask(store::Transaction& tx, std::int64_t id,
              const store::Scope& title_scope = store::Scope::Everything()) {
    const auto row = tx.FetchOne(sql::kTaskGetAny, store::ScopedParams(title_scope, {Param(id)}));
    return TaskFromRow(*row);
}

Status CheckAssignee(store::Transaction& tx, const auth::Principal& principal, std::int64_t assignee_id,
                     const std::string& field) {
    const auto row =
        tx.FetchOne(sql::kTaskAssignee, store::ScopedParams(auth::ScopeOf(principal), {Param(assignee_id)}));
    if (!row) return Error::Validation("no such user", field);
    if (!store::ReadRow(*row, &store::RowReader::Bool))
        return Error::Validation("the user is deactivated", field);
    return Ok{};
}

Status CheckDepartment(store::Transaction& tx, const std::optional<std::int64_t>& department_id,
                       const std::string& field) {
    if (department_id && !tx.FetchOne(sql::kTaskDepartmentExists, {Param(*department_id)})) {
        return Error::Validation("no such department", field);
    }
    return Ok{};
}

// The target record of a new or moved task: visible and not deleted, else 422 naming record_id.
Result<RecordState> TargetRecord(store::Transaction& tx, const auth::Principal& principal, RecordType type,
                                 std::int64_t id, const std::string& field) {
    auto record = FindVisibleRecord(tx, auth::ScopeOf(principal), type, id);
    if (!record) return Error::Validation(fmt::format("no such {}", RecordTypeName(type)), field);
    return record;
}

// The record a task belongs to as the next-step rule sees it: a deleted or vanished record
// needs no next step.
NextStepSubject SubjectOf(store::Transaction& tx, RecordType type, std::int64_t id) {
    auto record = FindVisibleRecord(tx, store::Scope::Everything(), type, id);
    if (!record)
        return NextStepSubject{.type = type, .is_open = false, .is_client = false, .is_deleted = true};
    return record->subject;
}

// The open tasks a record keeps when `task` stops counting: locks them first (PostgreSQL), so
// that two concurrent changes cannot both take what each thinks is not the last open task.
int OpenTasksWithout(store::Transaction& tx, const Task& task) {
    tx.Fetch(sql::kTaskLockOpen, {Param(RecordTypeName(task.record_type)), Param(task.record_id)});
    return CountOpenTasks(tx, task.record_type, task.record_id) - 1;
}

// Judges a change that leaves the task's record with `open_after` open tasks: an error under
// enforce, a warning appended under warn.
Status JudgeChange(store::Transaction& tx, const Task& task, int open_after, NextStepPolicy policy,
                   std::vector<std::string>& warnings) {
    const NextStepSubject subject = SubjectOf(tx, task.record_type, task.record_id);
    switch (JudgeNextStep(subject, open_after, policy)) {
        case NextStepVerdict::kAllowed: break;
        case NextStepVerdict::kWarn: warnings.push_back(NextStepWarning(task.record_type)); break;
        case NextStepVerdict::kRefuse: return NextStepRequired(task.record_type);
    }
    return Ok{};
}

// Creates a task of `fields` on a visible record, checking assignee and department.
Result<Task> CreateOn(store::Transaction& tx, const auth::Principal& principal, const RecordState& record,
                      const TaskFields& fields, std::string_view prefix, UnixTime now) {
    if (fields.assignee_id) {
        if (auto ok = CheckAssignee(tx, principal, *fields.assignee_id, Prefixed(prefix, "assignee_id"));
            !ok) {
            return std::move(ok).error();
        }
    }
    if (auto ok = CheckDepartment(tx, fields.department_id, Prefixed(prefix, "department_id")); !ok) {
        return std::move(ok).error();
    }
    const auto id = InsertTask(tx, record.type, record.id, record.owner_id, fields, principal.user.id, now);
    return LoadTask(tx, id, auth::ScopeOf(principal));
}

TaskFields SettingsTask(const std::string& kind, const std::string& subject, std::int64_t due_seconds,
                        std::int64_t assignee_id, UnixTime now) {
    return TaskFields{.kind = ParseTaskKind(kind).value_or(TaskKind::kCall),
                      .subject = subject,
                      .due_at = now + due_seconds,
                      .location = std::nullopt,
                      .assignee_id = assignee_id,
                      .department_id = std::nullopt};
}

}  // namespace

std::int64_t InsertTask(store::Transaction& tx, RecordType type, std::int64_t record_id,
                        std::int64_t owner_id, const TaskFields& fields,
                        std::optional<std::int64_t> created_by, UnixTime now) {
    const auto id = tx.Insert(sql::kTaskInsert,
                              {Param(RecordTypeName(type)), Param(record_id), Param(owner_id),
                               Param(TaskKindName(fields.kind)), Param(fields.subject), Param(fields.due_at),
                               Param(fields.location), Param(fields.assignee_id.value_or(owner_id)),
                               Param(fields.department_id), Param(created_by), Param(now)});
    EmitTaskChanged(tx,
                    Task{.id = id,
                         .record_type = type,
                         .record_id = record_id,
                         .owner_id = owner_id,
                         .kind = fields.kind,
                         .due_at = fields.due_at,
                         .assignee_id = fields.assignee_id.value_or(owner_id),
                         .department_id = fields.department_id},
                    created_by, now);
    return id;
}

Task TaskFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Task task;
        task.id = r.Int();
        task.record_type = ParseRecordType(r.Text()).value_or(RecordType::kLead);
        task.record_id = r.Int();
        task.owner_id = r.Int();
        task.kind = ParseTaskKind(r.Text()).value_or(TaskKind::kTodo);
        task.subject = r.Text();
        task.due_at = r.Int();
        task.location = r.OptText();
        task.assignee_id = r.OptInt();
        task.department_id = r.OptInt();
        task.done_at = r.OptInt();
        task.result = r.OptText();
        task.created_by = r.OptInt();
        task.created_at = r.Int();
        task.updated_at = r.Int();
        task.record_title = r.OptText();
        return task;
    });
}

NextStepPolicy PolicyOf(const auth::Settings& settings) {
    return settings.next_step_policy == "warn" ? NextStepPolicy::kWarn : NextStepPolicy::kEnforce;
}

Result<std::string> CheckLongText(std::string_view value, std::string_view field, std::size_t max_length) {
    if (!IsValidUtf8(value))
        return Error::Validation(fmt::format("{} is not valid UTF-8", field), std::string(field));
    const std::string_view trimmed = Trim(value);
    if (trimmed.empty())
        return Error::Validation(fmt::format("{} must not be empty", field), std::string(field));
    for (const char c : trimmed) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n' && c != '\r' && c != '\t') || byte == 0x7f) {
            return Error::Validation(fmt::format("{} must not contain control characters", field),
                                     std::string(field));
        }
    }
    if (Utf8Length(trimmed) > max_length) {
        return Error::Validation(fmt::format("{} must be at most {} characters", field, max_length),
                                 std::string(field));
    }
    return std::string(trimmed);
}

// --- The hooks of crm/tasks_hooks.hpp ---

void EnsureFirstTask(store::Transaction& tx, RecordType type, std::int64_t record_id, std::int64_t owner_id,
                     const auth::Settings& settings, UnixTime now, std::optional<std::int64_t> by_user_id) {
    if (CountOpenTasks(tx, type, record_id) > 0) return;
    const TaskFields fields = SettingsTask(settings.first_task_kind, settings.first_task_subject,
                                           settings.first_task_due_seconds, owner_id, now);
    InsertTask(tx, type, record_id, owner_id, fields, by_user_id, now);
}

void EnsureNextStep(store::Transaction& tx, const NextStepSubject& subject, std::int64_t record_id,
                    std::int64_t owner_id, const auth::Settings& settings, UnixTime now,
                    std::optional<std::int64_t> by_user_id) {
    if (NeedsNextStep(subject))
        EnsureFirstTask(tx, subject.type, record_id, owner_id, settings, now, by_user_id);
}

void OnDealWon(store::Transaction& tx, const Deal& deal, const auth::Settings& settings, UnixTime now,
               std::optional<std::int64_t> by_user_id) {
    if (!deal.contact_id) return;
    auto contact = FindVisibleRecord(tx, store::Scope::Everything(), RecordType::kContact, *deal.contact_id);
    if (!contact) return;
    if (tx.Execute(sql::kTaskMarkClient, {Param(contact->id), Param(now)}) > 0) {
        RecordHistory(tx, RecordType::kContact, contact->id, by_user_id, now,
                      {FieldChange{.field = "is_client", .old_value = "false", .new_value = "true"}});
    }
    const TaskFields fields = SettingsTask(settings.post_sale_task_kind, settings.post_sale_task_subject,
                                           settings.post_sale_task_due_seconds, contact->owner_id, now);
    InsertTask(tx, RecordType::kContact, contact->id, contact->owner_id, fields, by_user_id, now);
}

void SyncTaskOwner(store::Transaction& tx, RecordType type, std::int64_t record_id, std::int64_t owner_id) {
    tx.Execute(sql::kTaskSetOwner, {Param(RecordTypeName(type)), Param(record_id), Param(owner_id)});
}

// Open tasks and notes move to the deal. History and stage moves stay on the lead: they describe
// the lead's own fields and stages. The deal's timeline reaches them through leads.deal_id.
// Done tasks stay too, shown on the deal's timeline the same way.
void CarryOverToDeal(store::Transaction& tx, std::int64_t lead_id, std::int64_t deal_id, UnixTime now,
                     std::optional<std::int64_t> by_user_id) {
    for (const std::int64_t task_id : store::ReadRows(
             tx.Fetch(sql::kTaskCarryOver, {Param(lead_id), Param(deal_id)}), &store::RowReader::Int)) {
        EmitTaskChanged(tx, LoadTask(tx, task_id), by_user_id, now);
    }
    tx.Execute(sql::kNoteCarryOver, {Param(lead_id), Param(deal_id)});
}

bool CompleteSeenDone(store::Transaction& tx, std::int64_t task_id, std::string_view result,
                      const auth::Settings& settings, UnixTime now) {
    const auto row = tx.FetchOne(sql::kTaskGet,
                                 store::ScopedParams(store::Scope::Everything(),
                                                     {Param(std::optional<std::int64_t>{}), Param(task_id)}));
    if (!row) return false;
    const Task task = TaskFromRow(*row);
    if (!IsTaskOpen(task)) return false;
    if (tx.Execute(sql::kTaskComplete, {Param(task_id), Param(now), Param(result)}) == 0) return false;
    EmitTaskChanged(tx, LoadTask(tx, task_id), std::nullopt, now);
    if (CountOpenTasks(tx, task.record_type, task.record_id) == 0) {
        EnsureNextStep(tx, SubjectOf(tx, task.record_type, task.record_id), task.record_id, task.owner_id,
                       settings, now, std::nullopt);
    }
    return true;
}

int CountOpenTasks(store::Transaction& tx, RecordType type, std::int64_t record_id) {
    return static_cast<int>(
        store::ReadRow(*tx.FetchOne(sql::kTaskCountOpen, {Param(RecordTypeName(type)), Param(record_id)}),
                       &store::RowReader::Int));
}

// --- TaskService ---

Result<Page<Task>> TaskService::List(const auth::Principal& principal, const TaskFilter& filter,
                                     const PageRequest& page) {
    if (filter.record_type.has_value() != filter.record_id.has_value()) {
        return Error::Validation("record_type and record_id come together",
                                 filter.record_type ? "record_id" : "record_type");
    }
    const UnixTime now = clock_.Now();
    const auto after_id = page.AfterId("tasks");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Task>> {
        const auto rows = tx.Fetch(
            sql::kTaskList,
            store::ScopedParams(
                auth::ScopeOf(principal),
                {Param(CallerDepartment(principal)), Param(*after_id), Param(filter.assignee_id ? 1 : 0),
                 Param(filter.assignee_id.value_or(0)),
                 Param(filter.record_type ? std::string(RecordTypeName(*filter.record_type)) : std::string()),
                 Param(filter.record_id.value_or(0)),
                 Param(filter.done ? std::string(*filter.done ? "done" : "open") : std::string()),
                 Param(filter.overdue ? 1 : 0), Param(now), Param(filter.department_id ? 1 : 0),
                 Param(filter.department_id.value_or(0)), Param(page.limit + 1)}));
        std::vector<Task> tasks;
        tasks.reserve(rows.size());
        for (const auto& row : rows) tasks.push_back(TaskFromRow(row));
        return MakePage(std::move(tasks), page.limit, "tasks", [](const Task& t) { return t.id; });
    });
}

Result<Task> TaskService::Get(const auth::Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) -> Result<Task> {
        auto task = LoadVisibleTask(tx, principal, id);
        if (!task) return Error::NotFound("no such task");
        return std::move(*task);
    });
}

Result<Task> TaskService::Create(const auth::Principal& principal, const NewTask& input) {
    TaskFields fields = input.fields;
    if (auto ok = CheckTaskFields(fields, ""); !ok) return std::move(ok).error();
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<Task> {
        auto record = TargetRecord(tx, principal, input.record_type, input.record_id, "record_id");
        if (!record) return std::move(record).error();
        return CreateOn(tx, principal, *record, fields, "", now);
    });
}

Result<TaskChange> TaskService::Update(const auth::Principal& principal, std::int64_t id,
                                       const TaskPatch& patch) {
    if (patch.record_type.has_value() != patch.record_id.has_value()) {
        return Error::Validation("record_type and record_id come together",
                                 patch.record_type ? "record_id" : "record_type");
    }
    const NextStepPolicy policy = PolicyOf(settings_.Get());
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<TaskChange> {
        auto current = LoadVisibleTask(tx, principal, id);
        if (!current) return Error::NotFound("no such task");
        if (!IsTaskOpen(*current)) return Error::Conflict("the task is done and can no longer change");
        if (patch.record_type &&
            (*patch.record_type != current->record_type || *patch.record_id != current->record_id)) {
            // Moving a task off its record takes a step from that record: the caller must see it
            // (a department queue's member sees the queue's tasks, not always their records).
            // Out of sight answers 404 as a missing record does.
            auto source =
                FindVisibleRecord(tx, auth::ScopeOf(principal), current->record_type, current->record_id);
            if (!source) return std::move(source).error();
        }
        Task task = *current;
        TaskFields fields{.kind = patch.kind.value_or(task.kind),
                          .subject = patch.subject.value_or(task.subject),
                          .due_at = patch.due_at.value_or(task.due_at),
                          .location = patch.location.value_or(task.location),
                          .assignee_id = task.assignee_id,
                          .department_id = patch.department_id.value_or(task.department_id)};
        if (auto ok = CheckTaskFields(fields, ""); !ok) return std::move(ok).error();
        if (patch.assignee_id && *patch.assignee_id != task.assignee_id) {
            if (auto ok = CheckAssignee(tx, principal, *patch.assignee_id, "assignee_id"); !ok) {
                return std::move(ok).error();
            }
            fields.assignee_id = *patch.assignee_id;
        }
        if (patch.department_id && *patch.department_id != task.department_id) {
            if (auto ok = CheckDepartment(tx, fields.department_id, "department_id"); !ok)
                return std::move(ok).error();
        }
        TaskChange change;
        RecordType record_type = task.record_type;
        std::int64_t record_id = task.record_id;
        std::int64_t owner_id = task.owner_id;
        const bool moves = patch.record_type &&
                           (*patch.record_type != task.record_type || *patch.record_id != task.record_id);
        if (moves) {
            auto target = TargetRecord(tx, principal, *patch.record_type, *patch.record_id, "record_id");
            if (!target) return std::move(target).error();
            const int open_after = OpenTasksWithout(tx, task);
            if (auto ok = JudgeChange(tx, task, open_after, policy, change.warnings); !ok)
                return std::move(ok).error();
            record_type = target->type;
            record_id = target->id;
            owner_id = target->owner_id;
        }
        tx.Execute(sql::kTaskUpdate, {Param(id), Param(RecordTypeName(record_type)), Param(record_id),
                                      Param(owner_id), Param(TaskKindName(fields.kind)),
                                      Param(fields.subject), Param(fields.due_at), Param(fields.location),
                                      Param(fields.assignee_id), Param(fields.department_id), Param(now)});
        change.task = LoadTask(tx, id, auth::ScopeOf(principal));
        EmitTaskChanged(tx, change.task, principal.user.id, now);
        return change;
    });
}

Result<TaskChange> TaskService::Complete(const auth::Principal& principal, std::int64_t id,
                                         const TaskCompletion& completion) {
    std::optional<std::string> result;
    if (completion.result) {
        auto checked = CheckLongText(*completion.result, "result", kMaxResult);
        if (!checked) return std::move(checked).error();
        result = *checked;
    }
    std::optional<TaskFields> next = completion.next_task;
    if (next) {
        if (auto ok = CheckTaskFields(*next, "next_task."); !ok) return std::move(ok).error();
    }
    const NextStepPolicy policy = PolicyOf(settings_.Get());
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<TaskChange> {
        auto task = LoadVisibleTask(tx, principal, id);
        if (!task) return Error::NotFound("no such task");
        if (!IsTaskOpen(*task)) return Error::Conflict("the task is already done");
        TaskChange change;
        if (next) {
            auto record =
                FindVisibleRecord(tx, store::Scope::Everything(), task->record_type, task->record_id);
            if (!record)
                return Error::Conflict("the task's record is deleted: a next task cannot be planned on it");
            auto created = CreateOn(tx, principal, *record, *next, "next_task.", now);
            if (!created) return std::move(created).error();
            change.next_task = std::move(*created);
        }
        const int open_after = OpenTasksWithout(tx, *task);
        if (auto ok = JudgeChange(tx, *task, open_after, policy, change.warnings); !ok)
            return std::move(ok).error();
        if (tx.Execute(sql::kTaskComplete, {Param(id), Param(now), Param(result)}) == 0) {
            return Error::Conflict("the task is already done");
        }
        change.task = LoadTask(tx, id, auth::ScopeOf(principal));
        EmitTaskChanged(tx, change.task, principal.user.id, now);
        return change;
    });
}

Result<std::vector<std::string>> TaskService::Delete(const auth::Principal& principal, std::int64_t id) {
    const NextStepPolicy policy = PolicyOf(settings_.Get());
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<std::vector<std::string>> {
        auto task = LoadVisibleTask(tx, principal, id);
        if (!task) return Error::NotFound("no such task");
        std::vector<std::string> warnings;
        if (IsTaskOpen(*task)) {
            const int open_after = OpenTasksWithout(tx, *task);
            if (auto ok = JudgeChange(tx, *task, open_after, policy, warnings); !ok)
                return std::move(ok).error();
        }
        tx.Execute(sql::kTaskDelete, {Param(id), Param(now)});
        if (IsTaskOpen(*task)) {
            Task ended = *task;
            ended.done_at = now;
            EmitTaskChanged(tx, ended, principal.user.id, now);
        }
        return warnings;
    });
}

}  // namespace voronka::crm
