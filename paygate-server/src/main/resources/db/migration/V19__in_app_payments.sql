-- A JSAPI payment is made for one signed-in buyer, named at creation by the channel's user id or
-- by an open id (an app in OpenID mode), and for a mini-program by its app id; kept so the same
-- trade can be asked for again. NULL for every other product.
ALTER TABLE payments ADD COLUMN for_buyer_id VARCHAR(32);
ALTER TABLE payments ADD COLUMN for_buyer_open_id VARCHAR(128);
ALTER TABLE payments ADD COLUMN for_op_app_id VARCHAR(32);

-- When the channel said the trade is finished (Alipay's TRADE_FINISHED: the refund period is
-- over): from then on PayGate refuses refunds itself, before asking Alipay.
ALTER TABLE payments ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
