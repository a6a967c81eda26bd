-- Every message's id and state, for the outbox kill test.
SELECT id, state FROM messages ORDER BY id
