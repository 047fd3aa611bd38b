-- A buyer who confirms a barcode payment with their pay password on the phone: the merchant's
-- alipay.trade.pay gets 10003 (waiting for the buyer) until the password is entered.
ALTER TABLE buyers ADD COLUMN password_wait BOOLEAN DEFAULT FALSE NOT NULL;
