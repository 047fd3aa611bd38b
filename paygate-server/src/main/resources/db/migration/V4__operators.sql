-- Written for both H2 (the default) and PostgreSQL (production).

-- The people who may log in to the console. Passwords are kept only as Spring Security's
-- delegating encoder writes them ({bcrypt}...). failed_logins and locked_until throttle guessing
-- per account, on every instance at once.
CREATE TABLE operators (
    username       VARCHAR(64)              NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(200)             NOT NULL,
    role           VARCHAR(16)              NOT NULL,
    failed_logins  INT                      NOT NULL DEFAULT 0,
    locked_until   TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT operators_role CHECK (role IN ('ADMIN', 'OPERATOR', 'VIEWER'))
);
