-- An order nobody has opened yet is stored as ORDER instead of NULL: every row is in a state of the
-- trade state machine (TradeTransition), found by a transition's WHERE trade_status IN (...).
UPDATE trades SET trade_status = 'ORDER' WHERE trade_status IS NULL;
ALTER TABLE trades ALTER COLUMN trade_status SET DEFAULT 'ORDER';
ALTER TABLE trades ALTER COLUMN trade_status SET NOT NULL;
