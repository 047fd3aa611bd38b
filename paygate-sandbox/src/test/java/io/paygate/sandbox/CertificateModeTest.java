package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.AntCertificationUtil;
import com.alipay.api.request.AlipayOpenAppAlipaycertDownloadRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayOpenAppAlipaycertDownloadResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.core.testkit.Receiver;
import io.paygate.sandbox.signing.RsaKeys;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Public-key certificate mode, with the official SDK's certificate client as the judge: the three
 * files, the SNs it sends and expects, a whole payment, refusals of wrong SNs, and a rotation the
 * SDK follows by downloading the new "Alipay" certificate.
 */
class CertificateModeTest extends SandboxTestSupport {

  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
  private static final Pattern BIZ = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"");
  private static final String RSA_OIDS = "1.2.840.113549.1.1";

  @TempDir Path files;

  /** A cert-mode app as the merchant holds it: its private key and the three files. */
  private record CertApp(String appId, String privateKey, String publicKey, JsonNode view) {
    String appCert() {
      return view.get("app_cert").asString();
    }

    String alipayCert() {
      return view.get("alipay_cert").asString();
    }

    String rootCert() {
      return view.get("alipay_root_cert").asString();
    }
  }

  private CertApp register() throws Exception {
    RsaKeys.EncodedKeyPair keys = RsaKeys.generate();
    HttpResponse<String> created =
        sendJson(
            "POST",
            base() + "/sandbox/api/apps",
            "{\"app_public_key\":\"" + keys.publicKey() + "\",\"cert_mode\":true}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode view = json(created);
    return new CertApp(view.get("app_id").asString(), keys.privateKey(), keys.publicKey(), view);
  }

  private DefaultAlipayClient client(CertApp app) throws Exception {
    return client(app.appId(), app.privateKey(), app.appCert(), app.alipayCert(), app.rootCert());
  }

  private DefaultAlipayClient client(
      String appId, String privateKey, String appCert, String alipayCert, String rootCert)
      throws Exception {
    AlipayConfig config = new AlipayConfig();
    config.setServerUrl(gatewayUrl());
    config.setAppId(appId);
    config.setPrivateKey(privateKey);
    config.setFormat("json");
    config.setCharset("UTF-8");
    config.setSignType("RSA2");
    config.setAppCertContent(appCert);
    config.setAlipayPublicCertContent(alipayCert);
    config.setRootCertContent(rootCert);
    return new DefaultAlipayClient(config);
  }

  private static List<X509Certificate> certs(String pem) throws Exception {
    List<X509Certificate> out = new ArrayList<>();
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))) {
      out.add((X509Certificate) c);
    }
    return out;
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(files.resolve(name), content);
  }

  private static AlipayTradeQueryResponse query(DefaultAlipayClient client, String out)
      throws Exception {
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent("{\"out_trade_no\":\"" + out + "\"}");
    return client.certificateExecute(request);
  }

  private static AlipayTradePrecreateResponse precreate(DefaultAlipayClient client)
      throws Exception {
    AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + unique("CERTQR")
            + "\",\"total_amount\":\"3.00\",\"subject\":\"cert mode\"}");
    return client.certificateExecute(request);
  }

  private String authCode() throws Exception {
    for (JsonNode b : json(get(base() + "/sandbox/api/buyers"))) {
      if (b.get("logon_id").asString().equals("buyer@sandbox.paygate")) {
        return b.get("auth_code").asString();
      }
    }
    throw new AssertionError("no default buyer");
  }

  private JsonNode alipayCerts(String appId) throws Exception {
    return json(get(base() + "/sandbox/api/apps/" + appId + "/alipay-certs"));
  }

  @Test
  void aCertModeAppGetsThreeFilesWhoseSnsAreTheSdks() throws Exception {
    CertApp app = register();
    JsonNode view = app.view();
    assertThat(view.get("cert_mode").asBoolean()).isTrue();
    assertThat(view.get("gateway_url").asString()).isEqualTo(gatewayUrl());
    assertThat(view.get("seller_id").asString()).matches("2088\\d{12}");

    List<X509Certificate> roots = certs(app.rootCert());
    List<X509Certificate> alipayChain = certs(app.alipayCert());
    X509Certificate appCert = certs(app.appCert()).get(0);
    // The app's own key, certified by the sandbox's intermediate CA under its RSA root.
    assertThat(Base64.getEncoder().encodeToString(appCert.getPublicKey().getEncoded()))
        .isEqualTo(app.publicKey());
    assertThat(appCert.getSubjectX500Principal().getName()).contains("CN=" + app.appId());
    assertThat(alipayChain).hasSize(2);
    assertThat(appCert.getIssuerX500Principal())
        .isEqualTo(alipayChain.get(1).getSubjectX500Principal());
    appCert.verify(alipayChain.get(1).getPublicKey());
    // alipay_cert: the "Alipay" leaf (its key is alipay_public_key) then the intermediate.
    assertThat(Base64.getEncoder().encodeToString(alipayChain.get(0).getPublicKey().getEncoded()))
        .isEqualTo(view.get("alipay_public_key").asString());
    // The root bundle: RSA roots and a non-RSA one that the root SN skips, as Alipay's SM2 root.
    assertThat(roots).hasSizeGreaterThanOrEqualTo(3);
    assertThat(roots).anyMatch(r -> !r.getSigAlgOID().startsWith(RSA_OIDS));
    assertThat(roots.stream().filter(r -> r.getSigAlgOID().startsWith(RSA_OIDS))).hasSize(2);

    // SNs exactly as the SDK computes them.
    assertThat(view.get("app_cert_sn").asString())
        .isEqualTo(
            AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(app.appCert())))
        .matches("[0-9a-f]{32}");
    assertThat(view.get("alipay_cert_sn").asString())
        .isEqualTo(
            AntCertificationUtil.getCertSN(
                AntCertificationUtil.getCertFromContent(app.alipayCert())));
    assertThat(view.get("alipay_root_cert_sn").asString())
        .isEqualTo(AntCertificationUtil.getRootCertSN(app.rootCert()))
        .matches("[0-9a-f]{32}_[0-9a-f]{32}");
    assertThat(AntCertificationUtil.isTrusted(app.alipayCert(), app.rootCert())).isTrue();

    // Listed with its certificates; a public-key app shows cert_mode false and no certificates.
    JsonNode listed =
        json(get(base() + "/sandbox/api/apps"))
            .valueStream()
            .filter(a -> a.get("app_id").asString().equals(app.appId()))
            .findFirst()
            .orElseThrow();
    assertThat(listed.get("cert_mode").asBoolean()).isTrue();
    assertThat(listed.get("app_cert").asString()).isEqualTo(app.appCert());
    assertThat(listed.get("alipay_cert").asString()).isEqualTo(app.alipayCert());
    assertThat(listed.get("alipay_root_cert").asString()).isEqualTo(app.rootCert());
    assertThat(listed.get("app_private_key").isNull()).isTrue();
    JsonNode plain =
        json(
            sendJson(
                "POST",
                base() + "/sandbox/api/apps",
                "{\"app_public_key\":\"" + RsaKeys.generate().publicKey() + "\"}"));
    assertThat(plain.get("cert_mode").asBoolean()).isFalse();
    assertThat(plain.has("app_cert")).isFalse();
    assertThat(plain.has("alipay_root_cert")).isFalse();
    JsonNode defaultApp = json(get(base() + "/sandbox/api/apps")).get(0);
    assertThat(defaultApp.get("cert_mode").asBoolean()).isFalse();
    assertThat(defaultApp.has("alipay_cert")).isFalse();
  }

  @Test
  void aWholePaymentInCertModeWithTheSdksCertificateClient() throws Exception {
    CertApp app = register();
    DefaultAlipayClient client = client(app);
    try (Receiver receiver = new Receiver()) {
      String out = unique("CERT");
      AlipayTradePagePayRequest pagePay = new AlipayTradePagePayRequest();
      pagePay.setBizContent(
          "{\"out_trade_no\":\""
              + out
              + "\",\"total_amount\":\"8.80\",\"subject\":\"证书模式 cert\","
              + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}");
      pagePay.setNotifyUrl(receiver.url());
      String html = client.pageExecute(pagePay).getBody();
      Matcher action = ACTION.matcher(html);
      Matcher biz = BIZ.matcher(html);
      assertThat(action.find() && biz.find()).as(html).isTrue();
      String url = action.group(1).replace("&amp;", "&");
      assertThat(url)
          .contains("app_cert_sn=" + app.view().get("app_cert_sn").asString())
          .contains("alipay_root_cert_sn=");
      HttpResponse<String> form =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form(Map.of("biz_content", biz.group(1).replace("&quot;", "\"")))))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(form.statusCode()).as(form.body()).isEqualTo(302);
      assertThat(form.headers().firstValue("Location").orElseThrow()).contains("/sandbox/cashier/");

      HttpResponse<String> paid =
          sendJson(
              "POST",
              base() + "/sandbox/api/buyer/pay",
              "{\"app_id\":\""
                  + app.appId()
                  + "\",\"out_trade_no\":\""
                  + out
                  + "\",\"buyer_logon_id\":\"buyer@sandbox.paygate\",\"pay_password\":\"111111\"}");
      assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
      assertThat(json(paid).get("trade_status").asString()).isEqualTo("TRADE_SUCCESS");

      // The notify is signed with the Alipay certificate's key.
      assertThat(receiver.received()).hasSize(1);
      Map<String, String> notify = receiver.received().get(0);
      String certPath = file("alipayCertPublicKey_RSA2.crt", app.alipayCert()).toString();
      assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(notify), certPath, "UTF-8", "RSA2"))
          .isTrue();
      Map<String, String> tampered = new HashMap<>(notify);
      tampered.put("total_amount", "0.01");
      assertThat(AlipaySignature.rsaCertCheckV1(tampered, certPath, "UTF-8", "RSA2")).isFalse();
      assertThat(notify).containsEntry("app_id", app.appId()).containsEntry("out_trade_no", out);

      // certificateExecute verifies the answer with the certificate its alipay_cert_sn names.
      AlipayTradeQueryResponse queried = query(client, out);
      assertThat(queried.isSuccess()).as(queried.getBody()).isTrue();
      assertThat(queried.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
      assertThat(queried.getTotalAmount()).isEqualTo("8.80");
      JsonNode body = JSON.readTree(queried.getBody());
      assertThat(body.get("alipay_cert_sn").asString())
          .isEqualTo(app.view().get("alipay_cert_sn").asString());
      assertThat(queried.getBody())
          .matches(
              "\\{\"alipay_trade_query_response\":\\{.*},\"alipay_cert_sn\":\"[0-9a-f]{32}\",\"sign\":\".*\"}");

      AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
      refund.setBizContent(
          "{\"out_trade_no\":\""
              + out
              + "\",\"refund_amount\":\"2.00\",\"out_request_no\":\"CR1\"}");
      AlipayTradeRefundResponse refunded = client.certificateExecute(refund);
      assertThat(refunded.isSuccess()).as(refunded.getBody()).isTrue();
      assertThat(refunded.getFundChange()).isEqualTo("Y");
      assertThat(refunded.getRefundFee()).isEqualTo("2.00");
      // No rotation happened: the SDK never had to download a certificate.
      assertThat(alipayCerts(app.appId()).get(0).get("downloads").asInt()).isZero();
    }
  }

  @Test
  void wrongOrMissingSnsAreRefusedWithAlipaysErrors() throws Exception {
    CertApp app = register();
    CertApp other = register();

    // Another app's certificate: its SN is not this app's.
    DefaultAlipayClient wrongAppCert =
        client(app.appId(), app.privateKey(), other.appCert(), app.alipayCert(), app.rootCert());
    AlipayTradeQueryResponse refused = query(wrongAppCert, unique("SN"));
    assertThat(refused.isSuccess()).isFalse();
    assertThat(refused.getCode()).isEqualTo("40002");
    assertThat(refused.getSubCode()).isEqualTo("isv.app-cert-not-exist");
    assertThat(refused.getSubMsg()).isEqualTo("应用公钥证书不存在");

    // A tampered root bundle (an RSA root dropped): its SN is not the sandbox's.
    List<X509Certificate> roots = certs(app.rootCert());
    StringBuilder fewer = new StringBuilder();
    for (X509Certificate root : roots.subList(0, roots.size() - 1)) {
      fewer
          .append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder().encodeToString(root.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    assertThat(AntCertificationUtil.getRootCertSN(fewer.toString()))
        .isNotEqualTo(app.view().get("alipay_root_cert_sn").asString());
    DefaultAlipayClient wrongRoot =
        client(app.appId(), app.privateKey(), app.appCert(), app.alipayCert(), fewer.toString());
    AlipayTradeQueryResponse badRoot = query(wrongRoot, unique("SN"));
    assertThat(badRoot.getCode()).isEqualTo("40002");
    assertThat(badRoot.getSubCode()).isEqualTo("isv.invalid-alipay-root-cert-sn");

    // A public-key-mode request (no SNs at all) to a cert-mode app.
    Map<String, String> params = new LinkedHashMap<>();
    params.put("app_id", app.appId());
    params.put("method", "alipay.trade.query");
    params.put("charset", "utf-8");
    params.put("sign_type", "RSA2");
    params.put("timestamp", beijingNow());
    params.put("version", "1.0");
    params.put("biz_content", "{\"out_trade_no\":\"x\"}");
    sign(params, app.privateKey());
    JsonNode missing = json(postForm(gatewayUrl(), params));
    JsonNode answer = missing.get("alipay_trade_query_response");
    assertThat(answer.get("code").asString()).isEqualTo("40001");
    assertThat(answer.get("sub_code").asString()).isEqualTo("isv.missing-app-cert-sn");
    // Still signed as a cert-mode answer, naming the certificate that signed it.
    assertThat(missing.get("alipay_cert_sn").asString())
        .isEqualTo(app.view().get("alipay_cert_sn").asString());
    assertThat(missing.has("sign")).isTrue();

    // With the app cert's SN but no root SN.
    params.put("app_cert_sn", app.view().get("app_cert_sn").asString());
    sign(params, app.privateKey());
    assertThat(
            json(postForm(gatewayUrl(), params))
                .get("alipay_trade_query_response")
                .get("sub_code")
                .asString())
        .isEqualTo("isv.invalid-alipay-root-cert-sn");

    // The right files work.
    assertThat(precreate(client(app)).isSuccess()).isTrue();
  }

  @Test
  void afterARotationTheSdkDownloadsTheNewCertificateAndGoesOn() throws Exception {
    CertApp app = register();
    DefaultAlipayClient client = client(app);
    String firstSn = app.view().get("alipay_cert_sn").asString();
    assertThat(precreate(client).isSuccess()).isTrue();

    HttpResponse<String> rotated =
        sendJson("POST", base() + "/sandbox/api/apps/" + app.appId() + "/alipay-cert/rotate", "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    JsonNode view = json(rotated);
    String newSn = view.get("alipay_cert_sn").asString();
    String newCert = view.get("alipay_cert").asString();
    assertThat(newSn).isNotEqualTo(firstSn);
    assertThat(newCert).isNotEqualTo(app.alipayCert());
    assertThat(view.get("app_cert").asString()).isEqualTo(app.appCert());
    assertThat(view.get("alipay_root_cert").asString()).isEqualTo(app.rootCert());
    assertThat(newSn)
        .isEqualTo(
            AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(newCert)));
    JsonNode before = alipayCerts(app.appId());
    assertThat(before).hasSize(2);
    assertThat(before.get(1).get("alipay_cert_sn").asString()).isEqualTo(newSn);
    assertThat(before.get(1).get("current").asBoolean()).isTrue();
    assertThat(before.get(0).get("current").asBoolean()).isFalse();
    assertThat(before.get(1).get("downloads").asInt()).isZero();

    // The client still holds only the old certificate: it meets the new SN, downloads, verifies.
    AlipayTradePrecreateResponse after = precreate(client);
    assertThat(after.isSuccess()).as(after.getBody()).isTrue();
    assertThat(JSON.readTree(after.getBody()).get("alipay_cert_sn").asString()).isEqualTo(newSn);
    assertThat(alipayCerts(app.appId()).get(1).get("downloads").asInt()).isEqualTo(1);
    assertThat(precreate(client).isSuccess()).isTrue();
    assertThat(alipayCerts(app.appId()).get(1).get("downloads").asInt()).isEqualTo(1);

    // The old certificate stays downloadable by SN; an unknown SN is refused.
    AlipayOpenAppAlipaycertDownloadRequest download = new AlipayOpenAppAlipaycertDownloadRequest();
    download.setBizContent("{\"alipay_cert_sn\":\"" + firstSn + "\"}");
    AlipayOpenAppAlipaycertDownloadResponse old = client.certificateExecute(download);
    assertThat(old.isSuccess()).as(old.getBody()).isTrue();
    assertThat(
            new String(
                Base64.getDecoder().decode(old.getAlipayCertContent()), StandardCharsets.US_ASCII))
        .isEqualTo(app.alipayCert());
    download.setBizContent("{\"alipay_cert_sn\":\"00000000000000000000000000000000\"}");
    AlipayOpenAppAlipaycertDownloadResponse unknown = client.certificateExecute(download);
    assertThat(unknown.getSubCode()).isEqualTo("ALIPAY_CERT_NOT_EXIST");
    download.setBizContent("{}");
    assertThat(client.certificateExecute(download).getSubCode()).isEqualTo("isv.invalid-parameter");

    // Notifies are signed with the new certificate's key now.
    try (Receiver receiver = new Receiver()) {
      AlipayTradePayRequest pay = new AlipayTradePayRequest();
      pay.setBizContent(
          "{\"out_trade_no\":\""
              + unique("CERTBAR")
              + "\",\"scene\":\"bar_code\",\"auth_code\":\""
              + authCode()
              + "\",\"total_amount\":\"1.50\",\"subject\":\"rotated\"}");
      pay.setNotifyUrl(receiver.url());
      AlipayTradePayResponse paid = client.certificateExecute(pay);
      assertThat(paid.isSuccess()).as(paid.getBody()).isTrue();
      assertThat(receiver.received()).hasSize(1);
      Map<String, String> notify = receiver.received().get(0);
      String newPath = file("new.crt", newCert).toString();
      String oldPath = file("old.crt", app.alipayCert()).toString();
      assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(notify), newPath, "UTF-8", "RSA2"))
          .isTrue();
      assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(notify), oldPath, "UTF-8", "RSA2"))
          .isFalse();
    }
  }

  @Test
  void badRequestsToTheCertificateRoutesAreProblems() throws Exception {
    HttpResponse<String> notBoolean =
        sendJson(
            "POST",
            base() + "/sandbox/api/apps",
            "{\"app_public_key\":\""
                + RsaKeys.generate().publicKey()
                + "\",\"cert_mode\":\"maybe\"}");
    assertThat(notBoolean.statusCode()).isEqualTo(400);
    HttpResponse<String> badKey =
        sendJson(
            "POST",
            base() + "/sandbox/api/apps",
            "{\"app_public_key\":\"not a key\",\"cert_mode\":true}");
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(json(badKey).get("code").asString()).isEqualTo("INVALID_PUBLIC_KEY");
    assertThat(json(badKey).get("field").asString()).isEqualTo("app_public_key");
    HttpResponse<String> longName =
        sendJson(
            "POST",
            base() + "/sandbox/api/apps",
            "{\"app_public_key\":\""
                + RsaKeys.generate().publicKey()
                + "\",\"cert_mode\":true,\"name\":\""
                + "n".repeat(200)
                + "\"}");
    assertThat(longName.statusCode()).isEqualTo(400);
    assertThat(json(longName).get("code").asString()).isEqualTo("INVALID_NAME");

    HttpResponse<String> noApp =
        sendJson("POST", base() + "/sandbox/api/apps/2021000000000000/alipay-cert/rotate", "");
    assertThat(noApp.statusCode()).isEqualTo(404);
    assertThat(json(noApp).get("code").asString()).isEqualTo("APP_NOT_FOUND");
    HttpResponse<String> keyMode =
        sendJson("POST", base() + "/sandbox/api/apps/" + app().appId() + "/alipay-cert/rotate", "");
    assertThat(keyMode.statusCode()).isEqualTo(409);
    assertThat(json(keyMode).get("code").asString()).isEqualTo("APP_NOT_IN_CERT_MODE");
    HttpResponse<String> listUnknown =
        get(base() + "/sandbox/api/apps/2021000000000000/alipay-certs");
    assertThat(listUnknown.statusCode()).isEqualTo(404);
    assertThat(json(get(base() + "/sandbox/api/apps/" + app().appId() + "/alipay-certs")))
        .isEmpty();
  }
}
