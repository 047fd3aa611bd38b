-- Written for both H2 (the default) and PostgreSQL (production).

-- A console session records its operator's session_version at login and ends at its next request
-- once the row's version has moved on (or the row is gone), on every instance alike: changing the
-- role and locking the account (by an admin, or by too many wrong passwords) each add one.
-- locked_by_admin is an admin's lock, which lasts until an admin lifts it; locked_until stays the
-- wrong-password throttle's, which runs out by itself.
ALTER TABLE operators ADD COLUMN session_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE operators ADD COLUMN locked_by_admin BOOLEAN DEFAULT FALSE NOT NULL;
