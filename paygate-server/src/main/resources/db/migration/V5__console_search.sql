-- The console's search pages newest first by (created_at, out_trade_no); the dashboard sums by
-- the time a payment was paid.
DROP INDEX payments_created;
CREATE INDEX payments_created ON payments (created_at, out_trade_no);
CREATE INDEX payments_paid ON payments (paid_at);
