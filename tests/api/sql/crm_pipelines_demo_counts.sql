SELECT (SELECT count(*) FROM leads),
       (SELECT count(DISTINCT stage_id) FROM leads),
       (SELECT count(DISTINCT owner_id) FROM leads),
       (SELECT count(*) FROM deals),
       (SELECT count(DISTINCT stage_id) FROM deals),
       (SELECT count(DISTINCT owner_id) FROM deals),
       (SELECT count(*) FROM tasks),
       (SELECT count(*) FROM notes),
       (SELECT count(*) FROM leads WHERE currency <> 'RUB') + (SELECT count(*) FROM deals WHERE currency <> 'RUB')
