-- The demo's automation: enabled rules, of which on deal_won, and message templates.
SELECT (SELECT count(*) FROM automation_rules WHERE enabled = 1 AND deleted_at IS NULL),
       (SELECT count(*) FROM automation_rules WHERE trigger_type = 'deal_won'),
       (SELECT count(*) FROM message_templates WHERE deleted_at IS NULL)
