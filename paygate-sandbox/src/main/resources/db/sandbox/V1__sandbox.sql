-- The sandbox's own schema ("Alipay's" side). Instants are epoch milliseconds; money DECIMAL(15,2).
CREATE TABLE clock_state (
  id INT PRIMARY KEY,
  offset_millis BIGINT NOT NULL
);
INSERT INTO clock_state (id, offset_millis) VALUES (1, 0);

CREATE TABLE apps (
  app_id VARCHAR(32) PRIMARY KEY,
  seller_id VARCHAR(16) NOT NULL,
  name VARCHAR(128) NOT NULL,
  app_public_key VARCHAR(1024) NOT NULL,
  app_private_key VARCHAR(4096),
  alipay_public_key VARCHAR(1024) NOT NULL,
  alipay_private_key VARCHAR(4096) NOT NULL,
  is_default BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE buyers (
  logon_id VARCHAR(100) PRIMARY KEY,
  user_id VARCHAR(16) NOT NULL UNIQUE,
  pay_password VARCHAR(64) NOT NULL,
  balance DECIMAL(15, 2) NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE SEQUENCE trade_seq START WITH 1;

-- One row per merchant order; it becomes a trade (trade_status set) once the buyer opens it.
CREATE TABLE trades (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  app_id VARCHAR(32) NOT NULL,
  out_trade_no VARCHAR(64) NOT NULL,
  method VARCHAR(128) NOT NULL,
  product_code VARCHAR(64) NOT NULL,
  total_amount DECIMAL(15, 2) NOT NULL,
  subject VARCHAR(256) NOT NULL,
  body VARCHAR(128),
  passback_params VARCHAR(512),
  notify_url VARCHAR(256),
  return_url VARCHAR(256),
  charset VARCHAR(10) NOT NULL,
  cashier_token VARCHAR(64) NOT NULL UNIQUE,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  trade_no VARCHAR(64) UNIQUE,
  trade_status VARCHAR(32),
  buyer_logon_id VARCHAR(100),
  buyer_user_id VARCHAR(16),
  opened_at BIGINT,
  paid_at BIGINT,
  closed_at BIGINT,
  refunded_amount DECIMAL(15, 2) NOT NULL DEFAULT 0,
  CONSTRAINT trades_out_trade_no UNIQUE (app_id, out_trade_no)
);

CREATE TABLE refunds (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  trade_id BIGINT NOT NULL REFERENCES trades (id),
  out_request_no VARCHAR(64) NOT NULL,
  refund_amount DECIMAL(15, 2) NOT NULL,
  refund_reason VARCHAR(256),
  refunded_at BIGINT NOT NULL,
  CONSTRAINT refunds_request UNIQUE (trade_id, out_request_no)
);

CREATE TABLE notifies (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  notify_id VARCHAR(64) NOT NULL UNIQUE,
  app_id VARCHAR(32) NOT NULL,
  out_trade_no VARCHAR(64) NOT NULL,
  notify_url VARCHAR(256) NOT NULL,
  trade_status VARCHAR(32) NOT NULL,
  params_json CLOB NOT NULL,
  delivered BOOLEAN NOT NULL,
  scheduled_attempts INT NOT NULL,
  next_attempt_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX notifies_due ON notifies (next_attempt_at);

CREATE TABLE notify_attempts (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  notify_id BIGINT NOT NULL REFERENCES notifies (id),
  attempted_at BIGINT NOT NULL,
  http_status INT,
  reply VARCHAR(512)
);
