package io.paygate.server.keys;

import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettingsException;
import io.paygate.alipay.settings.AppCertificates;
import io.paygate.alipay.settings.AppKeyPair;
import io.paygate.core.channel.MerchantApps;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.WechatPayApp;
import io.paygate.wechatpay.settings.WechatPayKeyCheck;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code java -jar paygate-server.jar keys generate|check|wechatpay-check}: the app key pair made
 * in the forms Alipay asks for, the three keys checked against each other before they are
 * configured, and a WeChat Pay merchant's files checked as the start-up does. Runs without starting
 * the service. The private key is written to a file, never printed.
 */
public final class KeyCommand {

  static final String PRIVATE_FILE = "app-private-key-pkcs8.txt";
  static final String PUBLIC_FILE = "app-public-key.txt";

  private static final String USAGE =
      """
      usage: keys generate [--out DIR]
               writes DIR/%s (PKCS#8 base64, for paygate.alipay.private-key-file)
               and DIR/%s (base64, to paste into Alipay's open platform as the app public key)
             keys check [--private-key FILE] [--app-public-key FILE] [--alipay-public-key FILE]
               tells whether the keys belong together and which is which; each one not given
               is read from PAYGATE_ALIPAY_PRIVATE_KEY (or ..._FILE), PAYGATE_ALIPAY_APP_PUBLIC_KEY,
               PAYGATE_ALIPAY_ALIPAY_PUBLIC_KEY
             keys check [--private-key FILE] --app-cert FILE --alipay-cert FILE --alipay-root-cert FILE
               the same for an app in certificate mode (公钥证书模式): appCertPublicKey_<app_id>.crt,
               alipayCertPublicKey_RSA2.crt and alipayRootCert.crt; it tells whether the app
               certificate is the private key's, whether Alipay's chains to the root file, and the
               SNs the SDK will send
             keys wechatpay-check [--mchid MCHID] [--private-key apiclient_key.pem]
                 [--cert apiclient_cert.pem] [--serial SERIAL] [--apiv3-key FILE]
                 [--public-key pub_key.pem --public-key-id PUB_KEY_ID_...]
               a WeChat Pay merchant's files from 商户平台: whether the private key is the
               certificate's (and the serial its serial; both printed from the certificate),
               whether the APIv3 key is 32 characters, and whether the public key is WeChat Pay's
               (not the merchant's own); each one not given is read from PAYGATE_WECHATPAY_MCHID,
               PAYGATE_WECHATPAY_PRIVATE_KEY (or ..._FILE), PAYGATE_WECHATPAY_MERCHANT_SERIAL_NO,
               PAYGATE_WECHATPAY_APIV3_KEY (or ..._FILE), PAYGATE_WECHATPAY_PUBLIC_KEY (or ..._FILE),
               PAYGATE_WECHATPAY_PUBLIC_KEY_ID
      """
          .formatted(PRIVATE_FILE, PUBLIC_FILE);

  private final PrintStream out;
  private final PrintStream err;
  private final Function<String, String> environment;

  public KeyCommand(PrintStream out, PrintStream err, Function<String, String> environment) {
    this.out = out;
    this.err = err;
    this.environment = environment;
  }

  /** Whether the command line asks for this tool rather than the service. */
  public static boolean wanted(String[] args) {
    return args.length > 0 && args[0].equals("keys");
  }

  /**
   * @return the exit status: 0 done, 1 the keys are wrong, 2 a usage or file error
   */
  public int run(String[] args) {
    Map<String, String> options = new HashMap<>();
    String action = args.length > 1 ? args[1] : "";
    for (int i = 2; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        return usage("unexpected argument " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    try {
      return switch (action) {
        case "generate" -> generate(Path.of(options.getOrDefault("out", ".")));
        case "check" -> check(options);
        case "wechatpay-check" -> wechatPayCheck(options);
        default -> usage(action.isEmpty() ? "no action given" : "unknown action " + action);
      };
    } catch (IOException e) {
      err.println("keys: " + e.getMessage());
      return 2;
    }
  }

  private int generate(Path directory) throws IOException {
    AppKeyPair pair = AppKeyPair.generate();
    Files.createDirectories(directory);
    Path privateFile = directory.resolve(PRIVATE_FILE);
    Path publicFile = directory.resolve(PUBLIC_FILE);
    if (Files.exists(privateFile) || Files.exists(publicFile)) {
      throw new FileAlreadyExistsException(
          privateFile + " or " + publicFile + " (an existing key is never overwritten)");
    }
    SecretFile.create(privateFile, pair.privateKeyPkcs8() + "\n");
    Files.writeString(publicFile, pair.publicKey() + "\n", StandardCharsets.US_ASCII);
    out.println("app private key (keep it secret): " + privateFile);
    out.println("  paygate.alipay.private-key-file=" + privateFile.toAbsolutePath());
    out.println("app public key: " + publicFile);
    out.println("  paste it into the open platform (开放平台 > 开发设置 > 接口加签方式 > 公钥):");
    out.println(pair.publicKey());
    return 0;
  }

  private int check(Map<String, String> options) throws IOException {
    String privateKey = key(options, "private-key", "PAYGATE_ALIPAY_PRIVATE_KEY");
    if (options.containsKey("app-cert")
        || options.containsKey("alipay-cert")
        || options.containsKey("alipay-root-cert")) {
      return checkCertificates(privateKey, options);
    }
    String appPublicKey = key(options, "app-public-key", "PAYGATE_ALIPAY_APP_PUBLIC_KEY");
    String alipayPublicKey = key(options, "alipay-public-key", "PAYGATE_ALIPAY_ALIPAY_PUBLIC_KEY");
    try {
      AlipayKeyCheck.ofKeys(privateKey, appPublicKey, alipayPublicKey).check();
    } catch (AlipaySettingsException e) {
      // Names the key at fault and how; the message never quotes key material.
      err.println("keys check failed: " + e.getMessage());
      return 1;
    }
    out.println("private key: an RSA private key in PKCS#8 form, signs SHA256withRSA (RSA2)");
    out.println(
        appPublicKey == null
            ? "app public key: not given"
            : "app public key: belongs to the private key");
    out.println("Alipay public key: a public key, and not the app's own");
    out.println("keys check passed");
    return 0;
  }

  private int checkCertificates(String privateKey, Map<String, String> options) throws IOException {
    AppCertificates certificates;
    try {
      certificates =
          new AppCertificates(
              file(options, "app-cert"),
              file(options, "alipay-cert"),
              file(options, "alipay-root-cert"));
      AlipayKeyCheck.ofCertificates(privateKey, certificates).check();
    } catch (AlipaySettingsException e) {
      err.println("keys check failed: " + e.getMessage());
      return 1;
    }
    out.println("private key: an RSA private key in PKCS#8 form, signs SHA256withRSA (RSA2)");
    out.println("app certificate: certifies the private key's public key");
    out.println("  app_cert_sn=" + certificates.appCertSn());
    out.println("Alipay certificate: not the app's own, chains to the root file");
    out.println("  alipay_cert_sn=" + certificates.alipayCertSn());
    out.println("root file: alipay_root_cert_sn=" + certificates.rootCertSn());
    out.println("keys check passed");
    return 0;
  }

  /** The module's own start-up checks over the files, before the service is configured. */
  private int wechatPayCheck(Map<String, String> options) throws IOException {
    String certificatePem = file(options, "cert");
    X509Certificate certificate = null;
    if (certificatePem != null) {
      try {
        certificate =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                        new ByteArrayInputStream(
                            certificatePem.getBytes(StandardCharsets.US_ASCII)));
      } catch (CertificateException e) {
        err.println("keys wechatpay-check failed: --cert is not an X.509 certificate");
        return 1;
      }
    }
    String mchid = value(options, "mchid", "PAYGATE_WECHATPAY_MCHID");
    if (mchid == null && certificate != null) {
      // WeChat Pay issues the merchant API certificate to CN=<mchid>.
      mchid = commonName(certificate);
    }
    String serial = value(options, "serial", "PAYGATE_WECHATPAY_MERCHANT_SERIAL_NO");
    if (serial == null && certificate != null) {
      serial = serialNo(certificate);
    }
    String publicKey = key(options, "public-key", "PAYGATE_WECHATPAY_PUBLIC_KEY");
    String publicKeyId = value(options, "public-key-id", "PAYGATE_WECHATPAY_PUBLIC_KEY_ID");
    KeyMode mode =
        publicKey != null || publicKeyId != null
            ? KeyMode.PUBLIC_KEY
            : KeyMode.PLATFORM_CERTIFICATE;
    String apiV3Key = key(options, "apiv3-key", "PAYGATE_WECHATPAY_APIV3_KEY");
    WechatPaySettings settings =
        new WechatPaySettings(
            mchid == null ? "" : mchid,
            Map.of(MerchantApps.DEFAULT, WechatPayApp.of("wx-key-check")),
            key(options, "private-key", "PAYGATE_WECHATPAY_PRIVATE_KEY"),
            serial,
            certificatePem,
            apiV3Key == null ? null : apiV3Key.strip(),
            mode,
            publicKey,
            publicKeyId,
            "https://key-check.invalid/channels/wechatpay/notify",
            null,
            null,
            null);
    List<String> problems = WechatPayKeyCheck.problems(settings);
    if (mchid == null) {
      problems = new ArrayList<>(problems);
      problems.add(0, "paygate.wechatpay.mchid is not given (--mchid, or --cert to read it)");
    }
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("keys wechatpay-check failed: " + problem));
      return 1;
    }
    out.println("merchant: " + mchid);
    out.println("private key: an RSA private key in PKCS#8 form (apiclient_key.pem)");
    if (certificate != null) {
      out.println(
          "merchant certificate: the private key's, valid until "
              + certificate.getNotAfter().toInstant());
    } else {
      out.println("merchant certificate: not given (the serial is WeChat Pay's to confirm)");
    }
    out.println("  paygate.wechatpay.merchant-serial-no=" + serial);
    out.println("APIv3 key: 32 characters");
    if (mode == KeyMode.PUBLIC_KEY) {
      out.println("WeChat Pay public key: a public key, and not the merchant's own");
      out.println("  paygate.wechatpay.public-key-id=" + publicKeyId);
    } else {
      out.println("WeChat Pay public key: not given (platform-certificate mode)");
    }
    out.println("keys wechatpay-check passed");
    return 0;
  }

  /** As WeChat Pay writes a serial: upper-case hex. */
  static String serialNo(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
  }

  private static String commonName(X509Certificate certificate) {
    for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return null;
  }

  private String value(Map<String, String> options, String option, String variable) {
    String value = options.containsKey(option) ? options.get(option) : environment.apply(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String file(Map<String, String> options, String option) throws IOException {
    String path = options.get(option);
    return path == null ? null : Files.readString(Path.of(path), StandardCharsets.US_ASCII);
  }

  private String key(Map<String, String> options, String option, String variable)
      throws IOException {
    if (options.containsKey(option)) {
      return Files.readString(Path.of(options.get(option)), StandardCharsets.US_ASCII);
    }
    String file = environment.apply(variable + "_FILE");
    if (file != null && !file.isBlank()) {
      return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    }
    return environment.apply(variable);
  }

  private int usage(String problem) {
    err.println("keys: " + problem);
    err.print(USAGE);
    return 2;
  }
}
