package io.paygate.sandbox.wechatpay.merchants;

import io.paygate.sandbox.wechatpay.keys.WxKeys;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The merchants of the offline WeChat Pay and their keys, all generated here: one default merchant
 * (public-key mode, as WeChat Pay opens merchants since 2024) made on first start, more on demand.
 * Certificates run on the wall clock: the SDKs compare them with the real time.
 */
@Service
public class WxMerchants {

  private static final Duration CERT_LIFE = Duration.ofDays(5 * 365);

  private final MerchantRepository merchants;

  public WxMerchants(MerchantRepository merchants) {
    this.merchants = merchants;
    if (merchants.findDefault().isEmpty()) {
      create(KeyMode.PUBLIC_KEY, true);
    }
    // Appids of a database from before V13 get their AppSecret now.
    for (Merchant merchant : merchants.all()) {
      appids(merchant).forEach(this::ensureAppSecret);
    }
  }

  public Merchant defaultMerchant() {
    return merchants.findDefault().orElseThrow();
  }

  public Optional<Merchant> find(String mchid) {
    return mchid == null ? Optional.empty() : merchants.find(mchid);
  }

  public List<Merchant> all() {
    return merchants.all();
  }

  /** Every appid bound to the merchant, its first one first. */
  public List<String> appids(Merchant merchant) {
    List<String> all = new java.util.ArrayList<>();
    all.add(merchant.appid());
    all.addAll(merchants.extraAppids(merchant.mchid()));
    return all;
  }

  public boolean bound(Merchant merchant, String appid) {
    return appids(merchant).contains(appid);
  }

  /** Binds a new appid (APPID授权管理), as a 公众号, 小程序 or App would be. */
  public String bindNewAppid(Merchant merchant) {
    String appid = "wx" + WxIds.hex(16);
    merchants.bindAppid(merchant.mchid(), appid);
    ensureAppSecret(appid);
    return appid;
  }

  /**
   * The appid's AppSecret (开发者密码), what a shop's server sends with a sign-in code; empty for an
   * appid bound to no merchant.
   */
  public Optional<String> appSecret(String appid) {
    return appid == null ? Optional.empty() : merchants.appSecret(appid);
  }

  private void ensureAppSecret(String appid) {
    if (merchants.appSecret(appid).isEmpty()) {
      // 32 lowercase hex digits, as WeChat's AppSecret is.
      merchants.insertAppSecret(appid, WxIds.hex(32));
    }
  }

  public Merchant create(KeyMode mode) {
    return create(mode, false);
  }

  private Merchant create(KeyMode mode, boolean isDefault) {
    Instant now = Instant.now();
    String mchid = "19" + WxIds.digits(8);
    WxKeys.IssuedCertificate api = WxKeys.issue(mchid, now, now.plus(CERT_LIFE));
    WxKeys.PemKeyPair publicKey = WxKeys.generate();
    Merchant merchant =
        new Merchant(
            mchid,
            "wx" + WxIds.hex(16),
            mode,
            api.privateKey(),
            api.certificate(),
            api.serialNo(),
            WxIds.alnum(32),
            publicKey.publicKey(),
            publicKey.privateKey(),
            "PUB_KEY_ID_01" + mchid + WxIds.digits(22),
            isDefault,
            now);
    merchants.insert(merchant);
    ensureAppSecret(merchant.appid());
    issuePlatformCert(mchid, now);
    return merchant;
  }

  /**
   * A new platform certificate, expiring after every earlier one: from now on it signs, and {@code
   * /v3/certificates} lists it beside the old ones (as WeChat Pay does while rotating).
   */
  public PlatformCert rotatePlatformCert(String mchid) {
    Instant now = Instant.now();
    Instant latest = currentPlatformCert(mchid).expireAt();
    Instant until = now.plus(CERT_LIFE);
    return issuePlatformCert(
        mchid, now, until.isAfter(latest) ? until : latest.plus(Duration.ofDays(1)));
  }

  /** The certificate WeChat Pay signs with for this merchant now: the one expiring last. */
  public PlatformCert currentPlatformCert(String mchid) {
    return merchants.certs(mchid).get(0);
  }

  /** Every platform certificate still valid, newest first. */
  public List<PlatformCert> platformCerts(String mchid) {
    Instant now = Instant.now();
    return merchants.certs(mchid).stream().filter(c -> c.expireAt().isAfter(now)).toList();
  }

  /** A key WeChat Pay signs with, and the serial it names it by in {@code Wechatpay-Serial}. */
  public record SigningKey(String serial, String privateKey) {}

  /**
   * The key that signs for this merchant: the public key for a public-key merchant, or for a
   * request whose {@code Wechatpay-Serial} named the public key id; else the newest platform
   * certificate. {@code requestSerial} is null for notifications.
   */
  public SigningKey signingKey(Merchant merchant, String requestSerial) {
    if (merchant.keyMode() == KeyMode.PUBLIC_KEY || merchant.publicKeyId().equals(requestSerial)) {
      return new SigningKey(merchant.publicKeyId(), merchant.publicKeyPrivate());
    }
    PlatformCert cert = currentPlatformCert(merchant.mchid());
    return new SigningKey(cert.serialNo(), cert.privateKey());
  }

  private PlatformCert issuePlatformCert(String mchid, Instant now) {
    return issuePlatformCert(mchid, now, now.plus(CERT_LIFE));
  }

  private PlatformCert issuePlatformCert(String mchid, Instant from, Instant until) {
    WxKeys.IssuedCertificate issued = WxKeys.issue("Tenpay.com Platform " + mchid, from, until);
    PlatformCert cert =
        new PlatformCert(
            issued.serialNo(), mchid, issued.certificate(), issued.privateKey(), from, until);
    merchants.insertCert(cert);
    return cert;
  }
}
