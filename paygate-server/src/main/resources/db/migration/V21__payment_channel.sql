-- Written for both H2 (the default) and PostgreSQL (production).
-- The payment channel a payment is taken through ('alipay', 'wechatpay'): everything done for it
-- afterwards (queries, refunds, notifications, bills) goes to that channel. Every payment made
-- before there were several channels was Alipay's.
ALTER TABLE payments ADD COLUMN channel VARCHAR(16) DEFAULT 'alipay' NOT NULL;
