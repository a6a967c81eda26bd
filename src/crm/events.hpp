// Domain events: what the automation module reacts to, written by crm into `domain_events` in
// the same transaction as the change that caused them (the transactional outbox of DESIGN.md).
// Owned by crm; read by automation (automation/model.hpp Event). The JSON `data` of each kind:
//   record_created  {"owner_id"}
//   record_changed  {"changes": [{"field", "old", "new"}]}   text or null, as in history
//   stage_entered   {"pipeline_id", "stage_id", "from_stage_id" | null, "stage_kind",
//                    "entered_at", "deadline" | null}
//   task_changed    {"task_id", "kind", "due_at", "open", "department_id" | null,
//                    "assignee_id" | null}       the event's record is the task's record
// Thread-compatible; AutomationCause is per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "crm/history.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

void EmitRecordCreated(store::Transaction& tx, RecordType type, std::int64_t record_id, std::int64_t owner_id,
                       std::optional<std::int64_t> by_user_id, UnixTime at);
// Nothing when `changes` is empty.
void EmitRecordChanged(store::Transaction& tx, RecordType type, std::int64_t record_id,
                       const std::vector<FieldChange>& changes, std::optional<std::int64_t> by_user_id,
                       UnixTime at);
void EmitStageEntered(store::Transaction& tx, RecordType type, std::int64_t record_id,
                      const StagePosition* from, const StagePosition& to,
                      std::optional<std::int64_t> by_user_id, UnixTime at);
void EmitTaskChanged(store::Transaction& tx, const Task& task, std::optional<std::int64_t> by_user_id,
                     UnixTime at);

// While an AutomationCause lives, events written on its thread carry `depth` (how many
// automation actions led to the change): the executor of a rule's actions sets it to the depth of
// the event that fired the rule plus one, so that chains of rules stop at a fixed depth.
class AutomationCause {
public:
    explicit AutomationCause(int depth);
    AutomationCause(const AutomationCause&) = delete;
    AutomationCause& operator=(const AutomationCause&) = delete;
    ~AutomationCause();

private:
    int previous_;
};

// The depth events written now on this thread carry (0 outside an AutomationCause).
int CurrentEventDepth();

}  // namespace voronka::crm
