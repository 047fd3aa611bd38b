-- Written for both H2 (the default) and PostgreSQL (production).
-- A reconciliation is of one channel's app's bill: Alipay and WeChat Pay may each have an app of
-- the same name (default). Every run kept before there were several channels was Alipay's.
ALTER TABLE reconciliations ADD COLUMN channel VARCHAR(16) DEFAULT 'alipay' NOT NULL;
CREATE INDEX reconciliations_channel_app_day ON reconciliations (channel, app, bill_date, id);
