-- Barcode payment codes of sandbox buyers (18 digits starting 28); filled in at start for old rows.
ALTER TABLE buyers ADD COLUMN auth_code VARCHAR(32);
CREATE UNIQUE INDEX buyers_auth_code ON buyers (auth_code);
