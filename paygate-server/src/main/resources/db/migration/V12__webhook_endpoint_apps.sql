-- A webhook endpoint may be limited to some of the merchant's apps (comma-separated names): it is
-- sent only those apps' events. NULL is every app.
ALTER TABLE webhook_endpoints ADD COLUMN apps VARCHAR(512);
