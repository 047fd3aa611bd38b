-- Idempotency-Key: the first answer to a key, kept 24 hours and replayed to a retry of the same
-- request. Scoped to the API key that sent it.
CREATE TABLE idempotency_keys (
    caller             VARCHAR(80)              NOT NULL,
    idem_key           VARCHAR(255)             NOT NULL,
    -- SHA-256 of the method, path and body: a different request under the same key is refused.
    request_hash       VARCHAR(64)              NOT NULL,
    state              VARCHAR(8)               NOT NULL,
    -- A RUNNING key whose instance died is freed after this.
    locked_until       TIMESTAMP WITH TIME ZONE NOT NULL,
    response_status    INTEGER,
    response_type      VARCHAR(128),
    response_location  VARCHAR(512),
    response_body      VARCHAR,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (caller, idem_key),
    CONSTRAINT idempotency_keys_state CHECK (state IN ('RUNNING', 'DONE'))
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
