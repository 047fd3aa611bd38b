-- Fault injection rules set at run time (PUT /sandbox/api/faults); order of evaluation = id.
CREATE TABLE fault_rules (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  scope VARCHAR(16) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  methods VARCHAR(2048),
  share DECIMAL(5, 4) NOT NULL,
  count_limit INT,
  remaining INT,
  seconds INT
);

-- Notify faults decided at the first attempt: dropped for good, or held back for reordering.
ALTER TABLE notifies ADD COLUMN faults_decided BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE notifies ADD COLUMN dropped BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE notifies ADD COLUMN held BOOLEAN DEFAULT FALSE NOT NULL;
