-- A refund accepted but not completed yet (refund_processing fault): it completes, moving the money,
-- at completes_at (virtual clock); NULL once completed (every refund before this migration).
ALTER TABLE refunds ADD COLUMN completes_at BIGINT;
CREATE INDEX refunds_completing ON refunds (completes_at);
