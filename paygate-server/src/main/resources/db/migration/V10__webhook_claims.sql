-- Each claim of a delivery (by the sender or by a redelivery) counts up; an attempt writes its
-- outcome only while its claim is the latest, so an attempt overtaken by a redelivery cannot undo
-- what the redelivery recorded.
ALTER TABLE webhook_deliveries ADD COLUMN claims INTEGER DEFAULT 0 NOT NULL;
