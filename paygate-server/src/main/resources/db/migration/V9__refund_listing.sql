-- GET /api/v1/refunds pages newest first by (created_at, out_trade_no, out_request_no).
CREATE INDEX refunds_created ON refunds (created_at, out_trade_no, out_request_no);
