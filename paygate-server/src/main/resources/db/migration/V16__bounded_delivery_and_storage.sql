-- Each endpoint's workers ask for that endpoint's next due delivery.
CREATE INDEX webhook_deliveries_endpoint_due
    ON webhook_deliveries (endpoint_id, status, next_attempt_at);
