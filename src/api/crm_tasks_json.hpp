// JSON of tasks, notes, history, timelines and the no-next-step report, and reading a task's
// fields from a body. Owned by api (the tasks part of the sales core). Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/json.hpp"
#include "crm/model.hpp"
#include "crm/next_step_control.hpp"
#include "crm/task_service.hpp"

namespace voronka::api {

// The values a task's kind may take, for error messages.
inline constexpr std::string_view kTaskKinds = "call, meeting, email, todo";
inline constexpr std::string_view kTaskRecordTypes = "lead, deal, contact, company";

Json TaskJson(const crm::Task& task);
Json NoteJson(const crm::Note& note);
Json HistoryJson(const crm::HistoryEntry& entry);
Json StageMoveJson(const crm::StageMove& move);
// {"type": "note"|"task"|"stage_move"|"history"|"message", "at": ..., ...the item's fields}.
Json TimelineItemJson(const crm::TimelineItem& item);
// The task with its warnings, and the next task (null when none) after a completion.
Json TaskChangeJson(const crm::TaskChange& change);
// {"groups": [{owner_id, owner_name, leads, deals, contacts, count}], "count": total}.
Json NoNextStepJson(const std::vector<crm::NoNextStepGroup>& groups);

// Reads kind (default todo), subject, due_at (ISO 8601), location, assignee_id and department_id
// of a new task from `body`; errors are remembered by `body` for Finish().
crm::TaskFields ReadTaskFields(JsonBody& body);

// Reads `name` as a JSON object holding the fields of a new task (ReadTaskFields), refusing
// unknown fields and record_type/record_id inside it; errors name "NAME.FIELD" and are
// remembered by `body`. nullopt when absent or malformed.
std::optional<crm::TaskFields> ReadNestedTaskFields(JsonBody& body, std::string_view name);

}  // namespace voronka::api
