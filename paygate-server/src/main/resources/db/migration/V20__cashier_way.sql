-- Written for both H2 (the default) and PostgreSQL (production).
-- A product 'any' payment is carried by the way its cashier opened at the channel (page, wap, qr
-- or jsapi): the product that holds its out_trade_no there, and carries it once paid. The one
-- place that says which way is open. NULL before the cashier opens one, and for every other product.
ALTER TABLE payments ADD COLUMN way VARCHAR(8);
