-- Public-key certificate mode (公钥证书模式). The sandbox is its own CA: one row holding the root
-- bundle it ships as alipayRootCert.crt, the RSA root's key (to issue a new intermediate one day)
-- and the intermediate CA that signs app and "Alipay" certificates. Kept here, not in memory, so
-- certificates issued before a restart still chain to the same roots and every instance agrees.
CREATE TABLE cert_authority (
  id INT PRIMARY KEY,
  root_bundle CLOB NOT NULL,
  root_private_key CLOB NOT NULL,
  ca_cert CLOB NOT NULL,
  ca_private_key CLOB NOT NULL,
  created_at BIGINT NOT NULL
);

-- A cert-mode app: its certified public key (app_cert, with its SN) and the SN of the "Alipay"
-- certificate that signs its answers now (alipay_public_key/alipay_private_key are that
-- certificate's key pair; a rotation replaces all three).
ALTER TABLE apps ADD COLUMN cert_mode BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE apps ADD COLUMN app_cert CLOB;
ALTER TABLE apps ADD COLUMN app_cert_sn VARCHAR(32);
ALTER TABLE apps ADD COLUMN alipay_cert_sn VARCHAR(32);

-- Every "Alipay" certificate ever issued to an app (no private keys): old ones stay downloadable by
-- SN through alipay.open.app.alipaycert.download, which counts its downloads here.
CREATE TABLE alipay_certs (
  alipay_cert_sn VARCHAR(32) PRIMARY KEY,
  app_id VARCHAR(32) NOT NULL,
  cert_chain CLOB NOT NULL,
  created_at BIGINT NOT NULL,
  downloads INT DEFAULT 0 NOT NULL
);
CREATE INDEX alipay_certs_app ON alipay_certs (app_id, created_at);
