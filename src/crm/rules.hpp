// The pure rules of the sales core: stage deadlines and the next-step rule. Owned by crm.
// Free functions over plain values; no database.
//
// Each rule that SQL applies too is stated once more there, as a named fragment of
// crm/rules.fragments.sql that every statement uses (IsTaskOpen: task_open, has_open_task;
// SeesTask: sees_task;
// NeedsNextStep: RECORD_needs_next_step and RECORD_lacks_next_step; IsStageOverdue:
// stage_overdue; BecameStageOverdue: stage_overdue_since). Change a function and its fragment together;
// Backends/RulesAgree (tests/crm/rules_agree_test.cpp) compares them over generated records on both back
// ends.
#pragma once

#include <cstdint>
#include <optional>

#include "core/error.hpp"
#include "core/time.hpp"
#include "crm/model.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

// The deadline of a stage entered at `entered_at`: none when the stage has no maximum duration
// or is not open (won and lost stages have no deadline).
std::optional<UnixTime> StageDeadline(const Stage& stage, UnixTime entered_at);

// True when a record in an open stage is past its stage deadline at `now` (a deadline equal to
// `now` is not past yet).
bool IsStageOverdue(const StagePosition& position, UnixTime now);

// True when a record became overdue after `since` and by `now`: overdue at `now` and not yet at
// `since` (IsStageOverdue at both). The engine's scan for stage_overdue triggers takes these, with
// `since` its previous scan, so each stage entry fires once, in the first scan that sees it overdue.
bool BecameStageOverdue(const StagePosition& position, UnixTime since, UnixTime now);

// Whether a lead or deal owned by a user of `owner_department` may enter (or stay in, on a change
// of owner) a pipeline of `pipeline_department` (nullopt: an organisation-wide pipeline; a user of
// no department). An organisation-wide pipeline takes everyone's records; a department's pipeline
// only those of its department's users, whose head sets its stages, deadlines and automation.
// The owner decides, not who places the record: an admin may not put a manager's record into
// another department's pipeline either. Records that entered a pipeline before this rule keep
// their place until they move or change owner.
bool MayEnterPipeline(std::optional<std::int64_t> pipeline_department,
                      std::optional<std::int64_t> owner_department);

// Whether a task counts as a next step: it is not done. (A deleted task is no task at all: it is
// never read into a Task.)
bool IsTaskOpen(const Task& task);

// Whether a caller sees a task (of a record that is not deleted): they see its owner's records
// (auth::Sees of `scope`, with `owner_department` the task owner's department), or it is assigned
// to them (the scope's user), or it waits in the queue of their own department
// (`caller_department`, the caller's department whatever their role).
bool SeesTask(const store::Scope& scope, std::optional<std::int64_t> caller_department, const Task& task,
              std::optional<std::int64_t> owner_department);

// Whether a record must always have an open task (R17, R18): an open lead or deal (open stage,
// not converted, not deleted) or a client contact. Companies never need one.
struct NextStepSubject {
    RecordType type = RecordType::kLead;
    bool is_open = false;    // leads and deals: StagePosition::is_open
    bool is_client = false;  // contacts
    bool is_deleted = false;
};
bool NeedsNextStep(const NextStepSubject& subject);

// What the rule reads of a lead (open: in an open stage and not converted), a deal and a contact.
NextStepSubject SubjectOf(const Lead& lead);
NextStepSubject SubjectOf(const Deal& deal);
NextStepSubject SubjectOf(const Contact& contact);

// The verdict on a change that leaves a record with `open_tasks_after` open tasks.
enum class NextStepVerdict {
    kAllowed,  // nothing to say
    kWarn,     // allowed, but the answer carries a warning (policy warn)
    kRefuse,   // refused with 409 next_step_required (policy enforce)
};
NextStepVerdict JudgeNextStep(const NextStepSubject& subject, int open_tasks_after, NextStepPolicy policy);

// The error a refused change answers.
Error NextStepRequired(RecordType type);

// The text of a warning for the same situation under the warn policy.
std::string NextStepWarning(RecordType type);

}  // namespace voronka::crm
