// What the record services ask of tasks, inside their own transactions: the first task of a new
// lead or deal, the post-sale step of a won deal, task owners following their record, and the
// next-step check when a record changes. Owned by crm (implemented in task_service.cpp).
#pragma once

#include <optional>
#include <string_view>

#include "auth/model.hpp"
#include "crm/model.hpp"
#include "crm/rules.hpp"
#include "crm/task_service.hpp"
#include "store/database.hpp"

namespace voronka::crm {

// When the record has no open task, creates the first one for `owner_id` from the settings
// (first_task_kind/subject/due, default a call "Обработать новый лид" due in one hour).
void EnsureFirstTask(store::Transaction& tx, RecordType type, std::int64_t record_id, std::int64_t owner_id,
                     const auth::Settings& settings, UnixTime now, std::optional<std::int64_t> by_user_id);

// The next-step rule on a change that can make a record need a next step without giving it one:
// reopening a lead or deal (a move from a won or lost stage into an open one, or into an open
// stage of another pipeline), restoring a deleted record, converting a lead into an open deal.
// When NeedsNextStep(subject) and the record has no open task, creates the first task from the
// settings as EnsureFirstTask does, whatever the policy: such a change is never refused, as the
// creation of a record is not (docs/crm.md, "Every path keeps a next step").
void EnsureNextStep(store::Transaction& tx, const NextStepSubject& subject, std::int64_t record_id,
                    std::int64_t owner_id, const auth::Settings& settings, UnixTime now,
                    std::optional<std::int64_t> by_user_id);

// A deal entered a won stage: marks its contact a client and creates the post-sale next step on
// the contact (settings post_sale_task_*, default a call "Узнать отзыв клиента" in 3 days), for
// the contact's owner. Nothing when the deal has no contact.
void OnDealWon(store::Transaction& tx, const Deal& deal, const auth::Settings& settings, UnixTime now,
               std::optional<std::int64_t> by_user_id);

// Sets the owner of every task of a record to the record's new owner (tasks.owner_id).
void SyncTaskOwner(store::Transaction& tx, RecordType type, std::int64_t record_id, std::int64_t owner_id);

// Moves the open tasks (with their task_changed events, so that their schedules follow them),
// notes and history of a converted lead onto its new deal.
void CarryOverToDeal(store::Transaction& tx, std::int64_t lead_id, std::int64_t deal_id, UnixTime now,
                     std::optional<std::int64_t> by_user_id);

// Inserts a task of checked `fields` on a record (assignee default: `owner_id`, the record's
// owner) with its task_changed event; answers its id.
std::int64_t InsertTask(store::Transaction& tx, RecordType type, std::int64_t record_id,
                        std::int64_t owner_id, const TaskFields& fields,
                        std::optional<std::int64_t> created_by, UnixTime now);

// Completes the open task `task_id` that the system saw done (telephony: the client of a missed
// call was called back), with `result` and its task_changed event, on behalf of nobody. When
// that leaves its record needing a next step without an open task, creates the first task from
// the settings as EnsureNextStep does (never refused: no person is there to be asked). Nothing
// when the task is missing, done or deleted; answers whether it completed the task.
bool CompleteSeenDone(store::Transaction& tx, std::int64_t task_id, std::string_view result,
                      const auth::Settings& settings, UnixTime now);

// Open tasks of a record now.
int CountOpenTasks(store::Transaction& tx, RecordType type, std::int64_t record_id);

}  // namespace voronka::crm
