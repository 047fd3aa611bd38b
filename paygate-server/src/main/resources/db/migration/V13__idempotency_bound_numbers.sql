-- An Idempotency-Key binds, on its first run and before any call to Alipay, the numbers its request
-- will use: a retry under the key resumes that same payment or refund under those numbers, whatever
-- happened to the first run (a 5xx, a crash, a lease that ran out).
ALTER TABLE idempotency_keys ADD COLUMN out_trade_no VARCHAR(64);
ALTER TABLE idempotency_keys ADD COLUMN out_request_no VARCHAR(64);
-- The run holding the key: only it may keep its answer or hand the key on.
ALTER TABLE idempotency_keys ADD COLUMN run_id VARCHAR(36);
-- SHOWN: the answer held a secret (an API key, a webhook secret), shown once and never kept.
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_state;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state
    CHECK (state IN ('RUNNING', 'DONE', 'SHOWN'));
