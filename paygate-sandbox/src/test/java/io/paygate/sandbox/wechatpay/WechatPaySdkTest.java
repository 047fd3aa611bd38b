package io.paygate.sandbox.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import io.paygate.core.testkit.Receiver;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Every exchange through the official wechatpay-java SDK, in both key modes. */
class WechatPaySdkTest extends WechatPayTestSupport {

  @Test
  void nativeOrderIsPaidQueriedAndNotifiedInPublicKeyMode() throws Exception {
    Merchant m = newMerchant("public_key");
    RSAPublicKeyConfig config = publicKeyConfig(m);
    NativePayService service = nativePay(config);
    try (Receiver receiver = merchantEndpoint()) {
      String no = unique("N");
      String codeUrl = service.prepay(nativeOrder(m, no, 1234, receiver.url())).getCodeUrl();
      assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
      // The same prepay again is a repeat, answered with the same code.
      assertThat(service.prepay(nativeOrder(m, no, 1234, receiver.url())).getCodeUrl())
          .isEqualTo(codeUrl);
      assertThat(query(service, m, no).getTradeState())
          .isEqualTo(Transaction.TradeStateEnum.NOTPAY);

      assertThat(payerPays(m.mchid(), null, no).statusCode()).isEqualTo(200);

      Transaction paid = query(service, m, no);
      assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
      assertThat(paid.getAmount().getTotal()).isEqualTo(1234);
      assertThat(paid.getAmount().getPayerTotal()).isEqualTo(1234);
      assertThat(paid.getTransactionId()).hasSize(28).startsWith("42");
      assertThat(paid.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.NATIVE);
      assertThat(paid.getPayer().getOpenid()).isEqualTo(openid(m.appid()));
      QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
      byId.setMchid(m.mchid());
      byId.setTransactionId(paid.getTransactionId());
      assertThat(service.queryOrderById(byId).getOutTradeNo()).isEqualTo(no);

      assertThat(notified(receiver)).hasSize(1);
      assertThat(notified(receiver).get(0).getSerialNumber()).isEqualTo(m.publicKeyId());
      Transaction notified =
          new NotificationParser(notificationConfig(m))
              .parse(notified(receiver).get(0), Transaction.class);
      assertThat(notified.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
      assertThat(notified.getOutTradeNo()).isEqualTo(no);
      assertThat(notified.getMchid()).isEqualTo(m.mchid());
      assertThat(notified.getAppid()).isEqualTo(m.appid());
      assertThat(notified.getAmount().getTotal()).isEqualTo(1234);
      assertThat(notified.getTransactionId()).isEqualTo(paid.getTransactionId());
      assertThat(notifications(no).get(0).get("delivered").asBoolean()).isTrue();
    }
  }

  @Test
  void jsapiH5AndAppPrepaysAnswerWhatTheFrontEndsNeed() throws Exception {
    Merchant m = newMerchant("public_key");
    RSAPublicKeyConfig config = publicKeyConfig(m);
    String openid = openid(m.appid());

    JsapiServiceExtension jsapi =
        new JsapiServiceExtension.Builder().config(config).httpClient(http(config)).build();
    com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest j =
        new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
    j.setAppid(m.appid());
    j.setMchid(m.mchid());
    j.setDescription("jsapi");
    String jsapiNo = unique("J");
    j.setOutTradeNo(jsapiNo);
    j.setNotifyUrl("https://shop.example/notify");
    com.wechat.pay.java.service.payments.jsapi.model.Amount ja =
        new com.wechat.pay.java.service.payments.jsapi.model.Amount();
    ja.setTotal(1);
    j.setAmount(ja);
    Payer payer = new Payer();
    payer.setOpenid(openid);
    j.setPayer(payer);
    var pay = jsapi.prepayWithRequestPayment(j);
    assertThat(pay.getPackageVal()).startsWith("prepay_id=wx");
    // The WeChat client checks what the SDK made for the front end: a forged paySign is refused.
    String forged =
        jsapiPayParams(
            pay.getAppId(),
            pay.getTimeStamp(),
            pay.getNonceStr(),
            pay.getPackageVal(),
            pay.getSignType(),
            pay.getPaySign().substring(4) + "AAAA");
    var refused = payerPaysWith(m.mchid(), jsapiNo, forged);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("INVALID_PAY_PARAMS");
    // The payer of a JSAPI order is the order's: pay it without naming them.
    String genuine =
        jsapiPayParams(
            pay.getAppId(),
            pay.getTimeStamp(),
            pay.getNonceStr(),
            pay.getPackageVal(),
            pay.getSignType(),
            pay.getPaySign());
    assertThat(payerPaysWith(m.mchid(), jsapiNo, genuine).statusCode()).isEqualTo(200);
    com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest jq =
        new com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest();
    jq.setMchid(m.mchid());
    jq.setOutTradeNo(jsapiNo);
    Transaction jsapiPaid = jsapi.queryOrderByOutTradeNo(jq);
    assertThat(jsapiPaid.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.JSAPI);
    assertThat(jsapiPaid.getPayer().getOpenid()).isEqualTo(openid);

    // An openid of another appid is refused as WeChat Pay refuses it.
    Merchant other = newMerchant("public_key");
    payer.setOpenid(openid(other.appid()));
    j.setOutTradeNo(unique("J"));
    assertThatThrownBy(() -> jsapi.prepayWithRequestPayment(j))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OPENID_MISMATCH"));

    H5Service h5 = new H5Service.Builder().httpClient(http(config)).build();
    com.wechat.pay.java.service.payments.h5.model.PrepayRequest h =
        new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
    h.setAppid(m.appid());
    h.setMchid(m.mchid());
    h.setDescription("h5");
    h.setOutTradeNo(unique("H"));
    h.setNotifyUrl("https://shop.example/notify");
    com.wechat.pay.java.service.payments.h5.model.Amount ha =
        new com.wechat.pay.java.service.payments.h5.model.Amount();
    ha.setTotal(99);
    h.setAmount(ha);
    SceneInfo scene = new SceneInfo();
    scene.setPayerClientIp("203.0.113.7");
    H5Info info = new H5Info();
    info.setType("Wap");
    scene.setH5Info(info);
    h.setSceneInfo(scene);
    assertThat(h5.prepay(h).getH5Url()).contains("/sandbox/wechatpay/checkmweb?prepay_id=wx");

    AppServiceExtension app =
        new AppServiceExtension.Builder().config(config).httpClient(http(config)).build();
    com.wechat.pay.java.service.payments.app.model.PrepayRequest a =
        new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
    a.setAppid(m.appid());
    a.setMchid(m.mchid());
    a.setDescription("app");
    a.setOutTradeNo(unique("A"));
    a.setNotifyUrl("https://shop.example/notify");
    com.wechat.pay.java.service.payments.app.model.Amount aa =
        new com.wechat.pay.java.service.payments.app.model.Amount();
    aa.setTotal(5);
    a.setAmount(aa);
    var appPay = app.prepayWithRequestPayment(a);
    assertThat(appPay.getPrepayId()).startsWith("wx");
    assertThat(appPay.getPartnerId()).isEqualTo(m.mchid());
    String appParams =
        "{\"appid\":\""
            + appPay.getAppid()
            + "\",\"partnerid\":\""
            + appPay.getPartnerId()
            + "\",\"prepayid\":\""
            + appPay.getPrepayId()
            + "\",\"package\":\""
            + appPay.getPackageVal()
            + "\",\"noncestr\":\""
            + appPay.getNonceStr()
            + "\",\"timestamp\":\""
            + appPay.getTimestamp()
            + "\",\"sign\":\""
            + appPay.getSign()
            + "\"}";
    assertThat(payerPaysWith(m.mchid(), a.getOutTradeNo(), appParams).statusCode()).isEqualTo(200);

    // An appid not bound to the mchid.
    a.setAppid(other.appid());
    a.setOutTradeNo(unique("A"));
    assertThatThrownBy(() -> app.prepayWithRequestPayment(a))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("APPID_MCHID_NOT_MATCH");
            });
  }

  @Test
  void aMerchantCanBindMoreAppidsAndAnOpenidBelongsToOneOfThem() throws Exception {
    Merchant m = newMerchant("public_key");
    var bound =
        JSON.readTree(
            postJson(base() + "/sandbox/wechatpay/api/merchants/" + m.mchid() + "/appids", "")
                .body());
    assertThat(bound.get("appids")).hasSize(2);
    String miniProgram = bound.get("appids").get(1).asString();
    RSAPublicKeyConfig config = publicKeyConfig(m);
    JsapiServiceExtension jsapi =
        new JsapiServiceExtension.Builder().config(config).httpClient(http(config)).build();
    com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest j =
        new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
    j.setAppid(miniProgram);
    j.setMchid(m.mchid());
    j.setDescription("mini program");
    j.setOutTradeNo(unique("MP"));
    j.setNotifyUrl("https://shop.example/notify");
    com.wechat.pay.java.service.payments.jsapi.model.Amount amount =
        new com.wechat.pay.java.service.payments.jsapi.model.Amount();
    amount.setTotal(3);
    j.setAmount(amount);
    Payer payer = new Payer();
    payer.setOpenid(openid(m.appid()));
    j.setPayer(payer);
    // The payer's openid at the merchant's first appid is not theirs at the mini-program.
    assertThatThrownBy(() -> jsapi.prepayWithRequestPayment(j))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("OPENID_MISMATCH"));
    payer.setOpenid(openid(miniProgram));
    assertThat(jsapi.prepayWithRequestPayment(j).getAppId()).isEqualTo(miniProgram);
    assertThat(payerPays(m.mchid(), null, j.getOutTradeNo()).statusCode()).isEqualTo(200);
  }

  @Test
  void aClosedOrderCannotBePaidNorPrepaidAgain() throws Exception {
    Merchant m = newMerchant("public_key");
    NativePayService service = nativePay(publicKeyConfig(m));
    String no = unique("C");
    service.prepay(nativeOrder(m, no, 100, "https://shop.example/notify"));
    CloseOrderRequest close = new CloseOrderRequest();
    close.setMchid(m.mchid());
    close.setOutTradeNo(no);
    service.closeOrder(close); // a signed 204: the SDK would throw on an unsigned one
    service.closeOrder(close); // repeatable
    assertThat(query(service, m, no).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
    assertThat(payerPays(m.mchid(), null, no).statusCode()).isEqualTo(409);
    assertThatThrownBy(() -> service.prepay(nativeOrder(m, no, 100, "https://shop.example/notify")))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("ORDER_CLOSED"));
    assertThatThrownBy(() -> query(service, m, unique("NONE")))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
            });
  }

  @Test
  void partialAndFullRefundsAreNotifiedAndNeverExceedThePayment() throws Exception {
    Merchant m = newMerchant("public_key");
    RSAPublicKeyConfig config = publicKeyConfig(m);
    NativePayService service = nativePay(config);
    RefundService refunds = new RefundService.Builder().httpClient(http(config)).build();
    try (Receiver receiver = merchantEndpoint()) {
      String no = unique("R");
      service.prepay(nativeOrder(m, no, 1000, "https://shop.example/notify"));
      payerPays(m.mchid(), null, no);

      Refund first = refunds.create(refund(no, "R1-" + no, 300, 1000, receiver.url()));
      assertThat(first.getStatus()).isEqualTo(Status.SUCCESS);
      assertThat(first.getAmount().getRefund()).isEqualTo(300L);
      // The same out_refund_no is the same refund, never a second one.
      assertThat(refunds.create(refund(no, "R1-" + no, 300, 1000, receiver.url())).getRefundId())
          .isEqualTo(first.getRefundId());
      assertThatThrownBy(() -> refunds.create(refund(no, "R2-" + no, 701, 1000, null)))
          .isInstanceOfSatisfying(
              ServiceException.class,
              e -> assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST"));
      refunds.create(refund(no, "R3-" + no, 700, 1000, null));
      assertThat(query(service, m, no).getTradeState())
          .isEqualTo(Transaction.TradeStateEnum.REFUND);

      QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
      q.setOutRefundNo("R1-" + no);
      assertThat(refunds.queryByOutRefundNo(q).getRefundId()).isEqualTo(first.getRefundId());
      q.setOutRefundNo("R9-" + no);
      assertThatThrownBy(() -> refunds.queryByOutRefundNo(q))
          .isInstanceOfSatisfying(
              ServiceException.class,
              e -> assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS"));

      assertThat(notified(receiver)).hasSize(1);
      RefundNotification notified =
          new NotificationParser(notificationConfig(m))
              .parse(notified(receiver).get(0), RefundNotification.class);
      assertThat(notified.getRefundStatus()).isEqualTo(Status.SUCCESS);
      assertThat(notified.getOutRefundNo()).isEqualTo("R1-" + no);
      assertThat(notified.getAmount().getRefund()).isEqualTo(300L);
      assertThat(notified.getAmount().getTotal()).isEqualTo(1000L);
    }
  }

  @Test
  void aProcessingRefundCompletesLaterOnTheVirtualClockAndIsNotifiedThen() throws Exception {
    Merchant m = newMerchant("public_key");
    RSAPublicKeyConfig config = publicKeyConfig(m);
    NativePayService service = nativePay(config);
    RefundService refunds = new RefundService.Builder().httpClient(http(config)).build();
    try (Receiver receiver = merchantEndpoint()) {
      String no = unique("P");
      service.prepay(nativeOrder(m, no, 400, "https://shop.example/notify"));
      payerPays(m.mchid(), null, no);
      setFaults(
          "{\"gateway\":[{\"kind\":\"refund_processing\",\"methods\":[\"wechatpay.refunds.create\"],"
              + "\"delay_seconds\":60,\"count\":1}]}");
      Refund accepted = refunds.create(refund(no, "RP-" + no, 400, 400, receiver.url()));
      assertThat(accepted.getStatus()).isEqualTo(Status.PROCESSING);
      assertThat(accepted.getSuccessTime()).isNull();
      // Accepted: it counts already, so nothing more may be refunded; nothing is notified yet.
      assertThatThrownBy(() -> refunds.create(refund(no, "RQ-" + no, 1, 400, null)))
          .isInstanceOf(ServiceException.class);
      assertThat(notified(receiver)).isEmpty();
      QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
      q.setOutRefundNo("RP-" + no);
      assertThat(refunds.queryByOutRefundNo(q).getStatus()).isEqualTo(Status.PROCESSING);

      advanceClock(60);
      assertThat(refunds.queryByOutRefundNo(q).getStatus()).isEqualTo(Status.SUCCESS);
      assertThat(notified(receiver)).hasSize(1);
      RefundNotification notified =
          new NotificationParser(notificationConfig(m))
              .parse(notified(receiver).get(0), RefundNotification.class);
      assertThat(notified.getRefundStatus()).isEqualTo(Status.SUCCESS);
      assertThat(notified.getOutRefundNo()).isEqualTo("RP-" + no);
    } finally {
      setFaults("{\"gateway\":[],\"notify\":[]}");
    }
  }

  @Test
  void aRefundMadeInTheMerchantPlatformIsSeenThroughTheApiAndNotified() throws Exception {
    Merchant m = newMerchant("public_key");
    RSAPublicKeyConfig config = publicKeyConfig(m);
    NativePayService service = nativePay(config);
    try (Receiver receiver = merchantEndpoint()) {
      String no = unique("O");
      service.prepay(nativeOrder(m, no, 500, "https://shop.example/notify"));
      payerPays(m.mchid(), null, no);
      var made =
          postJson(
              base() + "/sandbox/wechatpay/api/refunds",
              "{\"mchid\":\""
                  + m.mchid()
                  + "\",\"out_trade_no\":\""
                  + no
                  + "\",\"refund\":120,\"notify_url\":\""
                  + receiver.url()
                  + "\"}");
      assertThat(made.statusCode()).isEqualTo(201);
      String outRefundNo = JSON.readTree(made.body()).get("out_refund_no").asString();
      RefundNotification notified =
          new NotificationParser(notificationConfig(m))
              .parse(notified(receiver).get(0), RefundNotification.class);
      assertThat(notified.getOutRefundNo()).isEqualTo(outRefundNo);
      assertThat(notified.getAmount().getRefund()).isEqualTo(120L);
      QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
      q.setOutRefundNo(outRefundNo);
      assertThat(
              new RefundService.Builder()
                  .httpClient(http(config))
                  .build()
                  .queryByOutRefundNo(q)
                  .getAmount()
                  .getRefund())
          .isEqualTo(120L);
      assertThat(query(service, m, no).getTradeState())
          .isEqualTo(Transaction.TradeStateEnum.REFUND);
      // More than is left is refused there too.
      var over =
          postJson(
              base() + "/sandbox/wechatpay/api/refunds",
              "{\"mchid\":\"" + m.mchid() + "\",\"out_trade_no\":\"" + no + "\",\"refund\":381}");
      assertThat(over.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(over.body()).get("code").asString()).isEqualTo("INVALID_REQUEST");
    }
  }

  @Test
  void certificateModeWorksWithDownloadedAndRotatedPlatformCertificates() throws Exception {
    Merchant m = newMerchant("certificate");
    RSAAutoCertificateConfig config = autoCertificateConfig(m);
    NativePayService service = nativePay(config);
    try (Receiver receiver = merchantEndpoint()) {
      String no = unique("CM");
      service.prepay(nativeOrder(m, no, 88, receiver.url()));
      payerPays(m.mchid(), null, no);
      assertThat(query(service, m, no).getTradeState())
          .isEqualTo(Transaction.TradeStateEnum.SUCCESS);
      assertThat(notified(receiver).get(0).getSerialNumber()).isEqualTo(m.platformSerialNo());
      assertThat(
              new NotificationParser(config)
                  .parse(notified(receiver).get(0), Transaction.class)
                  .getOutTradeNo())
          .isEqualTo(no);

      // A merchant part-way through migrating: requests naming the public key id get answers
      // signed with it.
      assertThat(query(nativePay(publicKeyConfig(m)), m, no).getTransactionId()).hasSize(28);

      String rotated =
          JSON.readTree(
                  postJson(
                          base()
                              + "/sandbox/wechatpay/api/merchants/"
                              + m.mchid()
                              + "/platform-certificate/rotate",
                          "")
                      .body())
              .get("platform_serial_no")
              .asString();
      assertThat(rotated).isNotEqualTo(m.platformSerialNo()).hasSize(40);
      // A fresh download (the SDK re-registers the merchant) lists old and new; the new signs.
      RSAAutoCertificateConfig refreshed = autoCertificateConfig(m);
      String next = unique("CM");
      nativePay(refreshed).prepay(nativeOrder(m, next, 1, receiver.url()));
      payerPays(m.mchid(), null, next);
      assertThat(notified(receiver).get(1).getSerialNumber()).isEqualTo(rotated);
      assertThat(
              new NotificationParser(refreshed)
                  .parse(notified(receiver).get(1), Transaction.class)
                  .getOutTradeNo())
          .isEqualTo(next);
    }
  }

  @Test
  void aPublicKeyMerchantHasNoPlatformCertificates() throws Exception {
    Merchant m = newMerchant("public_key");
    assertThatThrownBy(() -> autoCertificateConfig(m))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
            });
  }

  @Test
  void theListedKeysAreAPairAndTheCertificateCarriesTheSerial() throws Exception {
    Merchant m = newMerchant("public_key");
    var certificate =
        (java.security.cert.X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new java.io.ByteArrayInputStream(m.platformCertificate().getBytes()));
    assertThat(certificate.getSerialNumber().toString(16).toUpperCase())
        .isEqualTo(m.platformSerialNo());
    assertThat(m.publicKeyId()).startsWith("PUB_KEY_ID_");
    assertThat(m.apiV3Key()).hasSize(32);
    // The merchant key signs what the listed certificate's serial names (the SDK sends it).
    Signature sign = Signature.getInstance("SHA256withRSA");
    sign.initSign(
        KeyFactory.getInstance("RSA")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder()
                        .decode(m.privateKey().replaceAll("-----[A-Z ]+-----", "")))));
    sign.update(new byte[] {1});
    byte[] signature = sign.sign();
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getMimeDecoder()
                        .decode(m.publicKey().replaceAll("-----[A-Z ]+-----", "")))));
    verify.update(new byte[] {1});
    // The merchant's key and WeChat Pay's public key are different keys.
    assertThat(verify.verify(signature)).isFalse();
  }

  @Test
  void aTamperedAnswerOrNotificationIsRefusedByTheSdk() throws Exception {
    Merchant m = newMerchant("public_key");
    RSAPublicKeyConfig config = publicKeyConfig(m);
    NativePayService service = nativePay(config);
    try (Receiver receiver = merchantEndpoint()) {
      String no = unique("T");
      service.prepay(nativeOrder(m, no, 10, receiver.url()));
      setFaults(
          "{\"gateway\":[{\"kind\":\"bad_signature\",\"methods\":[\"wechatpay.transactions.query\"],"
              + "\"count\":1}],\"notify\":[{\"kind\":\"bad_signature\",\"count\":1}]}");
      assertThatThrownBy(() -> query(service, m, no)).isInstanceOf(ValidationException.class);
      assertThat(query(service, m, no).getTradeState())
          .isEqualTo(Transaction.TradeStateEnum.NOTPAY);
      payerPays(m.mchid(), null, no);
      NotificationParser parser = new NotificationParser(notificationConfig(m));
      assertThatThrownBy(() -> parser.parse(notified(receiver).get(0), Transaction.class))
          .isInstanceOf(ValidationException.class);
      // The merchant refused it; the retry 15 s later is signed right.
      assertThat(notified(receiver)).hasSize(1);
    } finally {
      setFaults("{\"gateway\":[],\"notify\":[]}");
    }
  }

  @Test
  void theSharedGatewayFaultsActOnWechatPayCalls() throws Exception {
    Merchant m = newMerchant("public_key");
    NativePayService service = nativePay(publicKeyConfig(m));
    String no = unique("F");
    try {
      setFaults(
          "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"wechatpay.transactions.native\"],"
              + "\"count\":1}]}");
      assertThatThrownBy(
              () -> service.prepay(nativeOrder(m, no, 10, "https://shop.example/notify")))
          .isInstanceOfSatisfying(
              ServiceException.class,
              e -> {
                assertThat(e.getHttpStatusCode()).isEqualTo(500);
                assertThat(e.getErrorCode()).isEqualTo("SYSTEM_ERROR");
              });
      // The API did not run; the same prepay again (the rule spent) creates the order.
      assertThatThrownBy(() -> query(service, m, no)).isInstanceOf(ServiceException.class);
      assertThat(service.prepay(nativeOrder(m, no, 10, "https://shop.example/notify")).getCodeUrl())
          .startsWith("weixin://");
      // A rule naming an Alipay method leaves WeChat Pay alone.
      setFaults("{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"alipay.trade.query\"]}]}");
      assertThat(query(service, m, no).getTradeState())
          .isEqualTo(Transaction.TradeStateEnum.NOTPAY);
    } finally {
      setFaults("{\"gateway\":[],\"notify\":[]}");
    }
  }

  private static String jsapiPayParams(
      String appId, String timeStamp, String nonceStr, String pkg, String signType, String sign) {
    return "{\"appId\":\""
        + appId
        + "\",\"timeStamp\":\""
        + timeStamp
        + "\",\"nonceStr\":\""
        + nonceStr
        + "\",\"package\":\""
        + pkg
        + "\",\"signType\":\""
        + signType
        + "\",\"paySign\":\""
        + sign
        + "\"}";
  }

  private java.net.http.HttpResponse<String> payerPaysWith(
      String mchid, String outTradeNo, String payParams) throws Exception {
    return postJson(
        base() + "/sandbox/wechatpay/api/payer/pay",
        "{\"mchid\":\""
            + mchid
            + "\",\"out_trade_no\":\""
            + outTradeNo
            + "\",\"pay_params\":"
            + payParams
            + "}");
  }

  private RSAPublicKeyNotificationConfig notificationConfig(Merchant m) {
    return new RSAPublicKeyNotificationConfig.Builder()
        .publicKey(m.publicKey())
        .publicKeyId(m.publicKeyId())
        .apiV3Key(m.apiV3Key())
        .build();
  }

  private RSAAutoCertificateConfig autoCertificateConfig(Merchant m) {
    return new RSAAutoCertificateConfig.Builder()
        .merchantId(m.mchid())
        .privateKey(m.privateKey())
        .merchantSerialNumber(m.serialNo())
        .apiV3Key(m.apiV3Key())
        .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(toSandbox()))
        .build();
  }

  private static Transaction query(NativePayService service, Merchant m, String no) {
    QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
    q.setMchid(m.mchid());
    q.setOutTradeNo(no);
    return service.queryOrderByOutTradeNo(q);
  }

  private static CreateRequest refund(
      String outTradeNo, String outRefundNo, long fen, long total, String notifyUrl) {
    CreateRequest r = new CreateRequest();
    r.setOutTradeNo(outTradeNo);
    r.setOutRefundNo(outRefundNo);
    r.setReason("sandbox");
    r.setNotifyUrl(notifyUrl);
    AmountReq amount = new AmountReq();
    amount.setRefund(fen);
    amount.setTotal(total);
    amount.setCurrency("CNY");
    r.setAmount(amount);
    return r;
  }
}
