-- Buyer sign-in (alipay.system.oauth.token): the auth codes the "Alipay app" hands a mini-program
-- or an authorised page, one per buyer and app, single use, expiring.
CREATE TABLE oauth_codes (
  auth_code VARCHAR(64) PRIMARY KEY,
  app_id VARCHAR(32) NOT NULL,
  buyer_user_id VARCHAR(16) NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);
