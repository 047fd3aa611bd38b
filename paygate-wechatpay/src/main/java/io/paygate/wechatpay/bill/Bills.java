package io.paygate.wechatpay.bill;

import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.AccountType;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetFundFlowBillRequest;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import io.paygate.core.channel.BillLookup;
import io.paygate.wechatpay.gateway.WechatPayGateway;
import io.paygate.wechatpay.gateway.WxAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * Trade and fund-flow bills (账单) through the SDK's {@code BillDownloadServiceExtension}: it asks
 * for the download URL (a signed answer), fetches the file (unsigned) and the SHA-1 of the file is
 * checked against the one WeChat Pay named before anything in it is read.
 */
public final class Bills {

  /** The day has no bill: no activity (final). */
  static final String NO_STATEMENT = "NO_STATEMENT_EXIST";

  /** Not generated yet (WeChat Pay publishes a day's bills from 09:00 the next day). */
  static final String CREATING = "STATEMENT_CREATING";

  private final WechatPayGateway gateway;

  public Bills(WechatPayGateway gateway) {
    this.gateway = gateway;
  }

  /** The day's trade bill (ALL: payments and refunds), read into the core's bill. */
  public BillLookup tradeBill(LocalDate date) {
    GetTradeBillRequest request = new GetTradeBillRequest();
    request.setBillDate(date.toString());
    request.setBillType(BillType.ALL);
    return read(date, () -> gateway.bills().getTradeBill(request));
  }

  /**
   * The day's fund flow of the basic account (资金账单), hash-checked, as its lines: the header, the
   * movements (each cell after a backtick) and the summary. The core has no use for it yet.
   */
  public WxAnswer<List<String>> fundFlowBill(LocalDate date) {
    GetFundFlowBillRequest request = new GetFundFlowBillRequest();
    request.setBillDate(date.toString());
    request.setAccountType(AccountType.BASIC);
    return WxAnswer.of(
        () -> {
          String text = text(gateway.bills().getFundFlowBill(request));
          if (text == null) {
            throw new IllegalStateException("the bill's SHA-1 is not the one WeChat Pay named");
          }
          return lines(text);
        });
  }

  private BillLookup read(LocalDate date, Supplier<DigestBillEntity> download) {
    WxAnswer<String> answer = WxAnswer.of(() -> text(download.get()));
    if (answer instanceof WxAnswer.Ok<String> ok) {
      if (ok.value() == null) {
        return new BillLookup.Unknown("the bill's SHA-1 is not the one WeChat Pay named");
      }
      return new BillLookup.Ready(TradeBillCsv.read(date, ok.value()));
    }
    if (answer instanceof WxAnswer.Refused<String> refused) {
      if (NO_STATEMENT.equals(refused.code())) {
        // Nothing happened that day: an empty bill, as final as a full one.
        return new BillLookup.Ready(TradeBillCsv.read(date, ""));
      }
      if (CREATING.equals(refused.code())) {
        return new BillLookup.NotReady(refused.code() + " " + refused.message());
      }
      return new BillLookup.Unknown(refused.code() + " " + refused.message());
    }
    return new BillLookup.Unknown(((WxAnswer.Unknown<String>) answer).reason());
  }

  // The stream is read whole before the hash can be told; null when it does not match.
  private static String text(DigestBillEntity bill) {
    try (InputStream in = bill.getInputStream()) {
      byte[] bytes = in.readAllBytes();
      if (!bill.verifyHash()) {
        return null;
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return t.isEmpty() ? List.of() : List.of(t.split("\r?\n"));
  }
}
