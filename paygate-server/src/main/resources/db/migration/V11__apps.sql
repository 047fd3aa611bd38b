-- Every payment belongs to one of the merchant's Alipay apps (by PayGate's name for it); the
-- payments of earlier versions are the single app's, which is named default.
ALTER TABLE payments ADD COLUMN app VARCHAR(32) DEFAULT 'default' NOT NULL;
CREATE INDEX payments_app_created ON payments (app, created_at);

-- A reconciliation is of one app's bill.
ALTER TABLE reconciliations ADD COLUMN app VARCHAR(32) DEFAULT 'default' NOT NULL;

-- An API key may be limited to some apps (comma-separated names); NULL is every app.
ALTER TABLE api_keys ADD COLUMN apps VARCHAR(512);
