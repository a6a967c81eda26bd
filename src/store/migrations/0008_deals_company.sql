-- A company's deals (GET /api/v1/deals?company_id=, the company card): deals had no index on
-- company_id, so the filter read every visible deal. (company_id, id) gives the company's deals
-- in the id order the list pages by. Contacts have theirs since 0002 (contacts_company).
CREATE INDEX deals_company ON deals (company_id, id);
