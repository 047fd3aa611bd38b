package io.paygate.sandbox.wechatpay.transactions;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.wechatpay.gateway.WxGateway;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.payers.WxPayers;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import io.paygate.sandbox.wechatpay.wire.WxOperations;
import io.paygate.sandbox.wechatpay.wire.WxTime;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/pay/transactions/…}: Native, JSAPI, H5 and App prepay, query by out_trade_no and by
 * transaction_id, close.
 *
 * <p>Per WeChat Pay API v3 (pay.weixin.qq.com): the product API lists such as
 * https://pay.weixin.qq.com/docs/merchant/products/native-payment/apilist.html; time_expire and
 * repeat rules doc/v3/merchant/4012525171; query doc/v3/merchant/4013070356.
 */
@RestController
public class TransactionsApi {

  private static final String BASE = WxGateway.PREFIX + "/v3/pay/transactions";
  private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

  private final WxGateway gateway;
  private final WxTransactions transactions;
  private final WxPayers payers;
  private final WxMerchants merchants;
  private final PublicUrl publicUrl;

  public TransactionsApi(
      WxGateway gateway,
      WxTransactions transactions,
      WxPayers payers,
      WxMerchants merchants,
      PublicUrl publicUrl) {
    this.gateway = gateway;
    this.transactions = transactions;
    this.payers = payers;
    this.merchants = merchants;
    this.publicUrl = publicUrl;
  }

  @PostMapping(BASE + "/native")
  ResponseEntity<byte[]> nativePay(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    WxGateway.Call call = gateway.verify(request, body, WxOperations.NATIVE);
    Transaction t = transactions.prepay(call.merchant(), prepay(call, TradeType.NATIVE));
    return gateway.ok(call, Map.of("code_url", t.codeUrl()));
  }

  @PostMapping(BASE + "/jsapi")
  ResponseEntity<byte[]> jsapi(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    WxGateway.Call call = gateway.verify(request, body, WxOperations.JSAPI);
    Transaction t = transactions.prepay(call.merchant(), prepay(call, TradeType.JSAPI));
    return gateway.ok(call, Map.of("prepay_id", t.prepayId()));
  }

  @PostMapping(BASE + "/h5")
  ResponseEntity<byte[]> h5(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    WxGateway.Call call = gateway.verify(request, body, WxOperations.H5);
    Transaction t = transactions.prepay(call.merchant(), prepay(call, TradeType.MWEB));
    String url =
        publicUrl.base(request)
            + WxGateway.PREFIX
            + "/checkmweb?prepay_id="
            + t.prepayId()
            + "&package="
            + WxIds.digits(10);
    return gateway.ok(call, Map.of("h5_url", url));
  }

  @PostMapping(BASE + "/app")
  ResponseEntity<byte[]> app(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    WxGateway.Call call = gateway.verify(request, body, WxOperations.APP);
    Transaction t = transactions.prepay(call.merchant(), prepay(call, TradeType.APP));
    return gateway.ok(call, Map.of("prepay_id", t.prepayId()));
  }

  @GetMapping(BASE + "/out-trade-no/{outTradeNo}")
  ResponseEntity<byte[]> queryByOutTradeNo(
      HttpServletRequest request, @PathVariable String outTradeNo) {
    WxGateway.Call call = gateway.verify(request, null, WxOperations.QUERY);
    requireMchidParameter(request);
    Transaction t =
        transactions
            .byOutTradeNo(call.merchant().mchid(), outTradeNo)
            .orElseThrow(() -> WxError.of(404, "ORDER_NOT_EXIST", "订单不存在"));
    return gateway.ok(call, TransactionJson.of(t));
  }

  @GetMapping(BASE + "/id/{transactionId}")
  ResponseEntity<byte[]> queryById(HttpServletRequest request, @PathVariable String transactionId) {
    WxGateway.Call call = gateway.verify(request, null, WxOperations.QUERY);
    requireMchidParameter(request);
    if (!transactionId.matches("\\d{28,32}")) {
      throw WxError.of(500, "INVALID_TRANSACTIONID", "微信订单号非法");
    }
    Transaction t =
        transactions
            .byTransactionId(call.merchant().mchid(), transactionId)
            .orElseThrow(() -> WxError.of(404, "ORDER_NOT_EXIST", "订单不存在"));
    return gateway.ok(call, TransactionJson.of(t));
  }

  @PostMapping(BASE + "/out-trade-no/{outTradeNo}/close")
  ResponseEntity<byte[]> close(
      HttpServletRequest request,
      @PathVariable String outTradeNo,
      @RequestBody(required = false) String body) {
    WxGateway.Call call = gateway.verify(request, body, WxOperations.CLOSE);
    call.text("/mchid");
    transactions.close(call.merchant(), outTradeNo);
    return gateway.noContent(call);
  }

  private static void requireMchidParameter(HttpServletRequest request) {
    String mchid = request.getParameter("mchid");
    if (mchid == null || mchid.isBlank()) {
      throw WxError.param("mchid", "missing");
    }
  }

  /** The prepay body checked as WeChat Pay checks it. */
  private WxTransactions.Prepay prepay(WxGateway.Call call, TradeType type) {
    String appid = call.text("/appid");
    call.text("/mchid");
    if (!merchants.bound(call.merchant(), appid)) {
      throw WxError.of(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
    }
    String description = call.text("/description");
    if (description.length() > 127) {
      throw WxError.param("/description", "longer than 127 characters");
    }
    String outTradeNo = call.text("/out_trade_no");
    if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
      throw WxError.param("/out_trade_no", "6 to 32 of [0-9A-Za-z_-|*]");
    }
    String notifyUrl = call.text("/notify_url");
    if (!notifyUrlValid(notifyUrl)) {
      throw WxError.param("/notify_url", "an absolute http(s) URL without a query string");
    }
    long total = call.fen("/amount/total");
    if (total < 1) {
      throw WxError.param("/amount/total", "at least 1 fen");
    }
    String currency = call.optionalText("/amount/currency");
    if (currency != null && !currency.equals("CNY")) {
      throw WxError.param("/amount/currency", "Currency code is invalid");
    }
    String attach = call.optionalText("/attach");
    if (attach != null && attach.length() > 128) {
      throw WxError.param("/attach", "longer than 128 characters");
    }
    String openid = null;
    if (type == TradeType.JSAPI) {
      openid = call.text("/payer/openid");
      if (payers.byOpenid(appid, openid).isEmpty()) {
        throw WxError.of(500, "OPENID_MISMATCH", "openid和appid不匹配");
      }
    }
    if (type == TradeType.MWEB) {
      call.text("/scene_info/payer_client_ip");
      String h5Type = call.text("/scene_info/h5_info/type");
      if (!List.of("iOS", "Android", "Wap").contains(h5Type)) {
        throw WxError.param("/scene_info/h5_info/type", "iOS, Android or Wap");
      }
    }
    String expireText = call.optionalText("/time_expire");
    Instant expire = null;
    if (expireText != null) {
      expire =
          WxTime.parse(expireText)
              .orElseThrow(() -> WxError.param("/time_expire", "not an RFC 3339 time"));
    }
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("type", type);
    parts.put("appid", appid);
    parts.put("description", description);
    parts.put("notify_url", notifyUrl);
    parts.put("total", total);
    parts.put("attach", attach);
    parts.put("openid", openid);
    parts.put("time_expire", expireText);
    return new WxTransactions.Prepay(
        type,
        appid,
        outTradeNo,
        description,
        attach,
        notifyUrl,
        total,
        openid,
        expire,
        WxTransactions.fingerprint(parts));
  }

  private static boolean notifyUrlValid(String url) {
    try {
      URI uri = URI.create(url);
      return (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getRawQuery() == null
          && url.length() <= 255);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
