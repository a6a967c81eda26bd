SELECT 'lead', title, person_name, company_name, amount, stage_id, owner_id, lost_reason FROM leads
UNION ALL
SELECT 'deal', title, NULL, NULL, amount, stage_id, owner_id, lost_reason FROM deals
ORDER BY 1, 2, 3, 5, 6, 7
