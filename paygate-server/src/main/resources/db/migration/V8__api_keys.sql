-- API keys made through the API. Only a key's SHA-256 is kept; it is shown once, at creation.
CREATE TABLE api_keys (
    id          VARCHAR(40)              NOT NULL PRIMARY KEY,
    name        VARCHAR(100)             NOT NULL,
    scope       VARCHAR(8)               NOT NULL,
    key_hash    VARCHAR(64)              NOT NULL,
    -- The key's first characters, so a person can tell keys apart in a list.
    key_prefix  VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_keys_scope CHECK (scope IN ('read', 'write', 'admin'))
);

CREATE UNIQUE INDEX api_keys_key_hash ON api_keys (key_hash);
