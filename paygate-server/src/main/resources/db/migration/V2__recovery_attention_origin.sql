-- Written for both H2 (the default) and PostgreSQL (production).

-- Alipay's buyer_open_id (OpenID-mode apps) is String(128); buyer_id is 16 digits.
ALTER TABLE payments ALTER COLUMN buyer_id SET DATA TYPE VARCHAR(128);

-- Why an operator should look at a payment (PAID_AFTER_CLOSE, AMOUNT_MISMATCH, REFUND_MISMATCH).
ALTER TABLE payments ADD COLUMN attention VARCHAR(32);

-- PAYGATE, or CHANNEL for a refund made outside PayGate (Alipay's merchant console).
ALTER TABLE refunds ADD COLUMN origin VARCHAR(16) DEFAULT 'PAYGATE' NOT NULL;

-- db-scheduler's tasks: one row per open payment and pending refund, with its next check time,
-- plus the recurring jobs. Picked rows carry a heartbeat, so a dead instance's work is taken over.
CREATE TABLE scheduled_tasks (
    task_name             VARCHAR(100)             NOT NULL,
    task_instance         VARCHAR(200)             NOT NULL,
    task_data             BYTEA,
    execution_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    picked                BOOLEAN                  NOT NULL,
    picked_by             VARCHAR(100),
    last_success          TIMESTAMP WITH TIME ZONE,
    last_failure          TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INT,
    last_heartbeat        TIMESTAMP WITH TIME ZONE,
    version               BIGINT                   NOT NULL,
    priority              SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- The home-made job lease is replaced by db-scheduler.
DROP TABLE job_leases;
