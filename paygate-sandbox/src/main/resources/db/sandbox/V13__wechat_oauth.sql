-- WeChat's web sign-in (网页授权) in the offline WeChat Pay: each appid's AppSecret (开发者密码),
-- which a shop's server sends with a code to /sns/oauth2/access_token, kept beside the merchant
-- record (wx_merchants.appid and wx_merchant_appids alike).
CREATE TABLE wx_app_secrets (
  appid VARCHAR(32) PRIMARY KEY,
  app_secret VARCHAR(32) NOT NULL,
  created_at BIGINT NOT NULL
);

-- The codes /connect/oauth2/authorize hands the shop's page: one payer at one appid, single use,
-- expiring on the virtual clock (epoch milliseconds).
CREATE TABLE wx_oauth_codes (
  code VARCHAR(64) PRIMARY KEY,
  appid VARCHAR(32) NOT NULL,
  payer_id BIGINT NOT NULL,
  scope VARCHAR(16) NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);
