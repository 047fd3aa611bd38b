-- Issued bill download URLs; each expires 30 s (virtual clock) after issue.
CREATE TABLE bill_downloads (
  token VARCHAR(64) PRIMARY KEY,
  app_id VARCHAR(32) NOT NULL,
  bill_type VARCHAR(32) NOT NULL,
  bill_date VARCHAR(10) NOT NULL,
  expires_at BIGINT NOT NULL
);
