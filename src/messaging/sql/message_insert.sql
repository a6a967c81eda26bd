INSERT INTO messages (channel, record_type, record_id, owner_id, rule_id, run_id, template_id, recipient, subject,
                      body, html, payload, headers, state, attempts, next_attempt_at, last_error, created_at,
                      updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, $15, $16, $15, $15)
RETURNING id
