-- Changes whenever a rule is created, changed or deleted (RuleCache).
SELECT count(*), COALESCE(max(id), 0), COALESCE(sum(revision), 0) FROM automation_rules
