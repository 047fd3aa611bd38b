-- The offline WeChat Pay v3 ("Tenpay's" side), beside the Alipay tables and sharing none of them.
-- Instants are epoch milliseconds; amounts integer fen (分), as on WeChat Pay's wire.

-- A merchant (直连商户): its API certificate and key (handed out: the sandbox made them), its APIv3
-- key, and WeChat Pay's keys for it: platform certificates (wx_platform_certs) and a public key.
-- key_mode PUBLIC_KEY: a merchant since the 2024 switch (no platform certificates served, all
-- signed with the public key); CERTIFICATE: platform certificates, the public key only for a
-- request that names its id.
CREATE TABLE wx_merchants (
  mchid VARCHAR(32) PRIMARY KEY,
  appid VARCHAR(32) NOT NULL,
  key_mode VARCHAR(16) NOT NULL,
  merchant_private_key CLOB NOT NULL,
  merchant_certificate CLOB NOT NULL,
  merchant_serial_no VARCHAR(40) NOT NULL,
  apiv3_key VARCHAR(32) NOT NULL,
  public_key CLOB NOT NULL,
  public_key_private CLOB NOT NULL,
  public_key_id VARCHAR(64) NOT NULL,
  is_default BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL
);

-- More appids bound to a merchant (公众号, 小程序, App…) beside wx_merchants.appid, its first.
CREATE TABLE wx_merchant_appids (
  appid VARCHAR(32) PRIMARY KEY,
  mchid VARCHAR(32) NOT NULL,
  created_at BIGINT NOT NULL
);

-- Every platform certificate issued to a merchant; the newest signs, all are listed while valid.
CREATE TABLE wx_platform_certs (
  serial_no VARCHAR(40) PRIMARY KEY,
  mchid VARCHAR(32) NOT NULL,
  certificate CLOB NOT NULL,
  private_key CLOB NOT NULL,
  effective_at BIGINT NOT NULL,
  expire_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

-- A WeChat user with a wallet; their openid differs per appid (derived, not stored).
CREATE TABLE wx_payers (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  balance_fen BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

-- One row per prepay order; trade_state NOTPAY, SUCCESS, REFUND or CLOSED.
CREATE TABLE wx_transactions (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  mchid VARCHAR(32) NOT NULL,
  appid VARCHAR(32) NOT NULL,
  out_trade_no VARCHAR(32) NOT NULL,
  trade_type VARCHAR(8) NOT NULL,
  description VARCHAR(512) NOT NULL,
  attach VARCHAR(512),
  notify_url VARCHAR(512) NOT NULL,
  total_fen BIGINT NOT NULL,
  payer_openid VARCHAR(64),
  fingerprint VARCHAR(64) NOT NULL,
  prepay_id VARCHAR(64) NOT NULL,
  code_url VARCHAR(128),
  time_expire BIGINT NOT NULL,
  trade_state VARCHAR(8) NOT NULL,
  transaction_id VARCHAR(32),
  paid_openid VARCHAR(64),
  payer_id BIGINT,
  success_at BIGINT,
  refunded_fen BIGINT DEFAULT 0 NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT wx_transactions_out_trade_no UNIQUE (mchid, out_trade_no)
);
CREATE UNIQUE INDEX wx_transactions_transaction_id ON wx_transactions (transaction_id);

-- Refunds (退款): SUCCESS at once (to the payer's wallet), or PROCESSING until complete_at on the
-- virtual clock (the refund_processing fault).
CREATE TABLE wx_refunds (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  mchid VARCHAR(32) NOT NULL,
  refund_id VARCHAR(32) NOT NULL UNIQUE,
  out_refund_no VARCHAR(64) NOT NULL,
  out_trade_no VARCHAR(32) NOT NULL,
  transaction_id VARCHAR(32) NOT NULL,
  reason VARCHAR(256),
  notify_url VARCHAR(512),
  refund_fen BIGINT NOT NULL,
  total_fen BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  success_at BIGINT,
  complete_at BIGINT,
  CONSTRAINT wx_refunds_out_refund_no UNIQUE (mchid, out_refund_no)
);

-- Notifications (回调通知): the body (resource encrypted once) is fixed; each attempt is signed
-- afresh. Retried on WeChat Pay's schedule on the virtual clock until the merchant answers 2xx.
CREATE TABLE wx_notifications (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  notification_id VARCHAR(36) NOT NULL UNIQUE,
  mchid VARCHAR(32) NOT NULL,
  out_trade_no VARCHAR(32) NOT NULL,
  out_refund_no VARCHAR(64),
  event_type VARCHAR(32) NOT NULL,
  notify_url VARCHAR(512) NOT NULL,
  body CLOB NOT NULL,
  delivered BOOLEAN DEFAULT FALSE NOT NULL,
  dropped BOOLEAN DEFAULT FALSE NOT NULL,
  faults_decided BOOLEAN DEFAULT FALSE NOT NULL,
  scheduled_attempts INT DEFAULT 0 NOT NULL,
  next_attempt_at BIGINT,
  claimed_until BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX wx_notifications_due ON wx_notifications (next_attempt_at);
CREATE INDEX wx_notifications_trade ON wx_notifications (out_trade_no);

CREATE TABLE wx_notification_attempts (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  notification_id BIGINT NOT NULL,
  attempted_at BIGINT NOT NULL,
  http_status INT,
  reply VARCHAR(500)
);

-- A bill file handed out by /v3/bill/tradebill or /v3/bill/fundflowbill: its download_url's token,
-- the file as it was when asked for (its SHA-1 was given with the URL), valid a few virtual minutes.
CREATE TABLE wx_bill_tokens (
  token VARCHAR(64) PRIMARY KEY,
  mchid VARCHAR(32) NOT NULL,
  content CLOB NOT NULL,
  gzip BOOLEAN NOT NULL,
  expires_at BIGINT NOT NULL
);
