-- The real time until which one delivery attempt holds a notify. The virtual due time alone is no
-- lock: the virtual clock can be advanced past it while the attempt is still being sent.
ALTER TABLE notifies ADD COLUMN claimed_until BIGINT;
