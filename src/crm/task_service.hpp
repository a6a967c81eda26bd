// Tasks of leads, deals, contacts and companies, and the next-step rule on every change that
// could leave a record without an open task (crm/rules.hpp JudgeNextStep, setting
// next_step_policy). Owned by crm; the hooks other services call are in crm/tasks_hooks.hpp.
// Thread-safe (stateless over the Database).
//
// A task is visible to a caller when its record's owner is in the caller's scope (tasks.owner_id
// follows the record's owner), when it is assigned to the caller, or when it sits in the queue of
// the caller's department (tasks.department_id). Everything else answers 404, and so do the
// tasks of a deleted record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "auth/settings_service.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

// The fields of a new task, without its record (a next task takes its record from the task it
// follows).
struct TaskFields {
    TaskKind kind = TaskKind::kTodo;
    std::string subject;  // 1..500 characters, one line
    UnixTime due_at = 0;
    std::optional<std::string> location;        // meetings only
    std::optional<std::int64_t> assignee_id;    // none: the record's owner
    std::optional<std::int64_t> department_id;  // a department's queue
};

struct NewTask {
    RecordType record_type = RecordType::kLead;
    std::int64_t record_id = 0;
    TaskFields fields;
};

// Absent fields stay; for nullable ones an inner nullopt clears. record_type and record_id move
// the task to another record and come together.
struct TaskPatch {
    std::optional<TaskKind> kind;
    std::optional<std::string> subject;
    std::optional<UnixTime> due_at;
    std::optional<std::optional<std::string>> location;
    std::optional<std::int64_t> assignee_id;
    std::optional<std::optional<std::int64_t>> department_id;
    std::optional<RecordType> record_type;
    std::optional<std::int64_t> record_id;
};

struct TaskCompletion {
    std::optional<std::string> result;    // up to 10,000 characters
    std::optional<TaskFields> next_task;  // for the same record
};

struct TaskFilter {
    std::optional<std::int64_t> assignee_id;
    std::optional<RecordType> record_type;  // with record_id
    std::optional<std::int64_t> record_id;
    std::optional<bool> done;  // status=done (true) / open (false)
    bool overdue = false;      // open and due before now
    std::optional<std::int64_t> department_id;
};

// What a change did: the task as changed, the task created after it (complete with next_task),
// and the warnings of the warn policy.
struct TaskChange {
    Task task;
    std::optional<Task> next_task;
    std::vector<std::string> warnings;
};

class TaskService {
public:
    TaskService(store::Database& db, const Clock& clock) : db_(db), clock_(clock), settings_(db) {}

    // Visible tasks, filtered, in id order. 422 naming record_id / record_type when only one
    // of the two is given.
    Result<Page<Task>> List(const auth::Principal& principal, const TaskFilter& filter,
                            const PageRequest& page);

    // NotFound when missing, deleted or out of sight.
    Result<Task> Get(const auth::Principal& principal, std::int64_t id);

    // 422 naming the field: subject, location (not a meeting), record_id (no such visible,
    // not deleted record), assignee_id (not a visible active user), department_id.
    Result<Task> Create(const auth::Principal& principal, const NewTask& task);

    // NotFound as Get; Conflict for a done task; 422 as Create. Moving the last open task away
    // from a record that needs a next step answers NextStepRequired under enforce. Moving a task
    // (record_type/record_id) off a record the caller cannot see (a queue task of another
    // department's record) answers NotFound, as if that record were missing.
    Result<TaskChange> Update(const auth::Principal& principal, std::int64_t id, const TaskPatch& patch);

    // Completes an open task and, in the same transaction, creates next_task on its record.
    // NotFound as Get; Conflict when already done; NextStepRequired when it was the last open
    // task of a record that needs one, without next_task, under enforce. 422 fields of the next
    // task are named "next_task.FIELD".
    Result<TaskChange> Complete(const auth::Principal& principal, std::int64_t id,
                                const TaskCompletion& completion);

    // Deletes a task (soft). NotFound as Get; NextStepRequired as Complete. Answers the warnings.
    Result<std::vector<std::string>> Delete(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
    auth::SettingsService settings_;
};

// Checks a text of up to `max_length` characters that may span lines (notes, task results):
// valid UTF-8, not blank, no control characters but tab and line breaks. Answers it trimmed.
Result<std::string> CheckLongText(std::string_view value, std::string_view field, std::size_t max_length);

// A Task from a row of the columns of sql/task_get.sql: id, record_type, record_id, owner_id,
// kind, subject, due_at, location, assignee_id, department_id, done_at, result, created_by,
// created_at, updated_at, record_title (NULL when the reader may not see the record).
Task TaskFromRow(const store::Row& row);

// The policy named by the setting next_step_policy ("warn"; anything else enforces).
NextStepPolicy PolicyOf(const auth::Settings& settings);

}  // namespace voronka::crm
