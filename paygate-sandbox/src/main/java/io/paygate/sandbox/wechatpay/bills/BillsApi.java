package io.paygate.sandbox.wechatpay.bills;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.wechatpay.gateway.WxGateway;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxOperations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/bill/tradebill} and {@code /v3/bill/fundflowbill} (signed answers with {@code
 * download_url}, {@code hash_type} SHA1 and {@code hash_value}), and {@code GET
 * /v3/billdownload/file?token=…}, the file itself: unsigned, gzip as a plain body (no
 * Content-Encoding, which would make OkHttp unzip it before the SDK does).
 *
 * <p>Per WeChat Pay API v3 申请交易账单 / 申请资金账单 / 下载账单
 * (https://pay.weixin.qq.com/doc/v3/merchant/4012556654 and 4013071254).
 */
@RestController
public class BillsApi {

  private final WxGateway gateway;
  private final WxBills bills;
  private final PublicUrl publicUrl;

  public BillsApi(WxGateway gateway, WxBills bills, PublicUrl publicUrl) {
    this.gateway = gateway;
    this.bills = bills;
    this.publicUrl = publicUrl;
  }

  @GetMapping(WxGateway.PREFIX + "/v3/bill/tradebill")
  ResponseEntity<byte[]> tradeBill(HttpServletRequest request) {
    WxGateway.Call call = gateway.verify(request, null, WxOperations.BILLS);
    String type = request.getParameter("bill_type");
    return answer(
        call,
        request,
        bills.tradeBill(
            call.merchant(),
            request.getParameter("bill_date"),
            type == null ? "ALL" : type,
            gzip(request)));
  }

  @GetMapping(WxGateway.PREFIX + "/v3/bill/fundflowbill")
  ResponseEntity<byte[]> fundFlowBill(HttpServletRequest request) {
    WxGateway.Call call = gateway.verify(request, null, WxOperations.BILLS);
    String account = request.getParameter("account_type");
    return answer(
        call,
        request,
        bills.fundFlowBill(
            call.merchant(),
            request.getParameter("bill_date"),
            account == null ? "BASIC" : account,
            gzip(request)));
  }

  @GetMapping(WxGateway.PREFIX + "/v3/billdownload/file")
  ResponseEntity<byte[]> file(HttpServletRequest request) {
    WxGateway.Call call = gateway.verify(request, null, WxOperations.BILLS);
    WxBills.File file = bills.download(call.merchant(), request.getParameter("token"));
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_TYPE,
            file.gzip() ? "application/x-gzip" : "text/plain; charset=utf-8")
        .body(file.bytes());
  }

  private ResponseEntity<byte[]> answer(
      WxGateway.Call call, HttpServletRequest request, WxBills.Issued issued) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "download_url",
        publicUrl.base(request)
            + WxGateway.PREFIX
            + "/v3/billdownload/file?token="
            + issued.token()
            + (gzip(request) ? "&tartype=gzip" : ""));
    body.put("hash_type", "SHA1");
    body.put("hash_value", issued.sha1());
    return gateway.ok(call, body);
  }

  private static boolean gzip(HttpServletRequest request) {
    String tar = request.getParameter("tar_type");
    if (tar != null && !tar.equals("GZIP")) {
      throw WxError.param("tar_type", "GZIP");
    }
    return tar != null;
  }
}
