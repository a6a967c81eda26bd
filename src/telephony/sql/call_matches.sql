-- The records a call with the client number $1 (E.164 digits, as contact_points.key) belongs to,
-- with their owners: the contacts with that phone, their companies and the companies with that
-- phone, the open deals of those contacts and companies, the open unconverted leads of those
-- contacts or with that phone. Deleted records never. Ordered by kind (contact, company, deal,
-- lead), then id.
SELECT 1 AS kind_rank, 'contact' AS record_type, c.id, c.owner_id
FROM contacts c
WHERE c.deleted_at IS NULL
  AND c.id IN (SELECT p.record_id FROM contact_points p WHERE p.kind = 'phone' AND p.record_type = 'contact' AND p.key = $1)
UNION ALL
SELECT 2, 'company', co.id, co.owner_id
FROM companies co
WHERE co.deleted_at IS NULL
  AND (co.id IN (SELECT p.record_id FROM contact_points p WHERE p.kind = 'phone' AND p.record_type = 'company' AND p.key = $1)
       OR co.id IN (SELECT c.company_id FROM contacts c JOIN contact_points p ON p.record_type = 'contact' AND p.record_id = c.id
                    WHERE p.kind = 'phone' AND p.key = $1 AND c.deleted_at IS NULL))
UNION ALL
SELECT 3, 'deal', d.id, d.owner_id
FROM deals d
WHERE d.is_open = 1 AND d.deleted_at IS NULL
  AND (d.contact_id IN (SELECT p.record_id FROM contact_points p WHERE p.kind = 'phone' AND p.record_type = 'contact' AND p.key = $1)
       OR d.company_id IN (SELECT p.record_id FROM contact_points p WHERE p.kind = 'phone' AND p.record_type = 'company' AND p.key = $1)
       OR d.company_id IN (SELECT c.company_id FROM contacts c JOIN contact_points p ON p.record_type = 'contact' AND p.record_id = c.id
                           WHERE p.kind = 'phone' AND p.key = $1 AND c.deleted_at IS NULL))
UNION ALL
SELECT 4, 'lead', l.id, l.owner_id
FROM leads l
WHERE l.is_open = 1 AND l.converted_at IS NULL AND l.deleted_at IS NULL
  AND (l.contact_id IN (SELECT p.record_id FROM contact_points p WHERE p.kind = 'phone' AND p.record_type = 'contact' AND p.key = $1)
       OR l.id IN (SELECT p.record_id FROM contact_points p WHERE p.kind = 'phone' AND p.record_type = 'lead' AND p.key = $1))
ORDER BY 1, 3
