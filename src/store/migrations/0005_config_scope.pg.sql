-- Issue 11: rules, templates and pipelines carry a scope. department_id NULL: organisation-wide
-- (the admin's); otherwise that department's (made by its head, or by an admin for it). See
-- docs/automation.md ("Scope") for who may change what and how the existing rows were placed.

-- Rules: automation_rules.department_id already existed (the creator's department, for
-- information). Rules of admins and rules without an author become
-- organisation-wide; a head's rule becomes the head's current department's (or keeps the
-- department it was saved with when the head has none now). author_id: the user whose sight the
-- rule acts with, the last one who saved it; it starts as the creator.
ALTER TABLE automation_rules ADD COLUMN author_id BIGINT REFERENCES users (id);
UPDATE automation_rules SET author_id = created_by;
UPDATE automation_rules
SET department_id = NULL
WHERE created_by IS NULL OR created_by IN (SELECT id FROM users WHERE role = 'admin');
UPDATE automation_rules
SET department_id = COALESCE((SELECT u.department_id FROM users u WHERE u.id = automation_rules.created_by),
                             department_id)
WHERE created_by IN (SELECT id FROM users WHERE role <> 'admin');
CREATE INDEX automation_rules_department ON automation_rules (department_id, id);

-- Templates: a head's become the head's department's; the others organisation-wide.
ALTER TABLE message_templates ADD COLUMN department_id BIGINT REFERENCES departments (id);
UPDATE message_templates
SET department_id = (SELECT u.department_id FROM users u WHERE u.id = message_templates.created_by AND u.role = 'head');

-- Pipelines kept no author: every existing pipeline (and so its stages) is organisation-wide.
ALTER TABLE pipelines ADD COLUMN department_id BIGINT REFERENCES departments (id);
