-- Each endpoint's workers ask for that endpoint's next due delivery.
CREATE INDEX webhook_deliveries_endpoint_due
    ON webhook_deliveries (endpoint_id, status, next_attempt_at);

-- The daily purge deletes exchanges by age, and unverified notifications by kind and age.
CREATE INDEX exchanges_occurred_at ON exchanges (occurred_at);
CREATE INDEX exchanges_operation_occurred_at ON exchanges (operation, occurred_at);
