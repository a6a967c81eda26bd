-- The department of a record's owner (none for a user of no department): crm::MayEnterPipeline.
SELECT department_id FROM users WHERE id = $1
