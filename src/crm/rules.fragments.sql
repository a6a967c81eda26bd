-- The rules of the sales core in SQL: the twins of the pure functions of crm/rules.hpp (IsTaskOpen, SeesTask,
-- NeedsNextStep, IsStageOverdue, BecameStageOverdue), which state them in C++. Expanded into
-- statements at embed time (cmake/embed_fragments.cmake); change both together, and
-- Backends/RulesAgree (tests/crm/rules_agree_test.cpp) compares them over generated records on
-- both back ends.

-- @fragment task_open(t)
-- IsTaskOpen: the task `t` (a tasks row) is not done and not deleted.
({t}.done_at IS NULL AND {t}.deleted_at IS NULL)

-- @fragment sees_task(t, owner_department, caller_department)
-- SeesTask: the caller (scope bound as $1..$3) sees the task `t`'s owner's records, or `t` is
-- assigned to the caller, or it waits in the queue of `caller_department` (the caller's own).
(/*@ sees({t}.owner_id, {owner_department}) @*/ OR {t}.assignee_id = $2
 OR ({t}.department_id IS NOT NULL AND {t}.department_id = {caller_department}))

-- @fragment has_open_task(record_type, record_id)
-- The record has at least one open task (the alias open_task is the fragment's own).
EXISTS (SELECT 1 FROM tasks open_task
        WHERE open_task.record_type = {record_type} AND open_task.record_id = {record_id}
          AND /*@ task_open(open_task) @*/)

-- @fragment lead_needs_next_step(l)
-- NeedsNextStep(SubjectOf(lead)): an open lead (open stage, not converted), not deleted.
({l}.is_open = 1 AND {l}.converted_at IS NULL AND {l}.deleted_at IS NULL)

-- @fragment deal_needs_next_step(d)
-- NeedsNextStep(SubjectOf(deal)): an open deal, not deleted.
({d}.is_open = 1 AND {d}.deleted_at IS NULL)

-- @fragment contact_needs_next_step(c)
-- NeedsNextStep(SubjectOf(contact)): a client contact, not deleted.
({c}.is_client = 1 AND {c}.deleted_at IS NULL)

-- @fragment company_needs_next_step(c)
-- NeedsNextStep of a company: never (`c` is taken for the symmetry of the uses).
(1 = 0)

-- @fragment lead_lacks_next_step(l)
-- The next-step rule is broken: the lead needs a next step and has no open task.
(/*@ lead_needs_next_step({l}) @*/ AND NOT /*@ has_open_task('lead', {l}.id) @*/)

-- @fragment deal_lacks_next_step(d)
(/*@ deal_needs_next_step({d}) @*/ AND NOT /*@ has_open_task('deal', {d}.id) @*/)

-- @fragment contact_lacks_next_step(c)
(/*@ contact_needs_next_step({c}) @*/ AND NOT /*@ has_open_task('contact', {c}.id) @*/)

-- @fragment company_lacks_next_step(c)
(/*@ company_needs_next_step({c}) @*/ AND NOT /*@ has_open_task('company', {c}.id) @*/)

-- @fragment stage_overdue(r, now)
-- IsStageOverdue(position, now): the lead or deal `r` is in an open stage (for leads: not
-- converted, which sets is_open to 0) past its stage deadline at `now`. A stage without a
-- maximum duration has no deadline and is never overdue.
({r}.is_open = 1 AND {r}.stage_deadline IS NOT NULL AND {r}.stage_deadline < {now})

-- @fragment stage_overdue_since(r, since, now)
-- BecameStageOverdue(position, since, now): `r` is overdue at `now` and was not yet at `since`.
-- "Not overdue at since" of a record that is overdue at now (open, with a deadline) is, by
-- stage_overdue's strict `<`, a deadline at or after `since`: written as that range so that the
-- open records' deadline index (leads_open_deadline, deals_open_deadline) bounds the scan.
(/*@ stage_overdue({r}, {now}) @*/ AND {r}.stage_deadline >= {since})
