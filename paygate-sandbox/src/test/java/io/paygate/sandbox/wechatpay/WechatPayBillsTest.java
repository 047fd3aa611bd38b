package io.paygate.sandbox.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.AccountType;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetFundFlowBillRequest;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.TarType;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trade and fund-flow bills fetched and hash-checked by the SDK's BillDownloadServiceExtension. */
class WechatPayBillsTest extends WechatPayTestSupport {

  @Test
  void aDaysBillsListItsPaymentsAndRefundsAndTheirHashesCheck() throws Exception {
    Merchant m = newMerchant("public_key");
    RSAPublicKeyConfig config = publicKeyConfig(m);
    var pay = nativePay(config);
    String first = unique("B");
    String second = unique("B");
    pay.prepay(nativeOrder(m, first, 100, "https://shop.example/n"));
    pay.prepay(nativeOrder(m, second, 250, "https://shop.example/n"));
    payerPays(m.mchid(), null, first);
    payerPays(m.mchid(), null, second);
    CreateRequest refund = new CreateRequest();
    refund.setOutTradeNo(second);
    refund.setOutRefundNo("RB-" + second);
    AmountReq amount = new AmountReq();
    amount.setRefund(50L);
    amount.setTotal(250L);
    amount.setCurrency("CNY");
    refund.setAmount(amount);
    new RefundService.Builder().httpClient(http(config)).build().create(refund);
    String day = beijingDay();

    BillDownloadServiceExtension bills =
        new BillDownloadServiceExtension.Builder().config(config).httpClient(http(config)).build();
    GetTradeBillRequest trade = new GetTradeBillRequest();
    trade.setBillDate(day);
    trade.setBillType(BillType.ALL);
    assertThatThrownBy(() -> bills.getTradeBill(trade))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("STATEMENT_CREATING"));

    advanceClock(2 * 24 * 3600);
    List<String> lines = read(bills.getTradeBill(trade));
    assertThat(lines.get(0)).startsWith("交易时间,公众账号ID,商户号");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).contains("`" + first, "`SUCCESS", "`1.00");
    assertThat(lines.get(3)).contains("`REFUND", "`RB-" + second, "`0.50");
    assertThat(lines.get(5)).isEqualTo("`3,`3.50,`0.50,`0.00,`0.00000,`3.50,`0.50");

    trade.setTarType(TarType.GZIP);
    trade.setBillType(BillType.REFUND);
    List<String> refunds = read(bills.getTradeBill(trade));
    assertThat(refunds).hasSize(4);

    GetFundFlowBillRequest fund = new GetFundFlowBillRequest();
    fund.setBillDate(day);
    fund.setAccountType(AccountType.BASIC);
    List<String> flow = read(bills.getFundFlowBill(fund));
    assertThat(flow.get(0)).startsWith("记账时间,微信支付业务单号");
    assertThat(flow.get(3)).contains("`退款", "`支出", "`0.50", "`3.00");
    assertThat(flow.get(5)).isEqualTo("`3,`2,`3.50,`1,`0.50");
  }

  /** Reads the whole file, then checks its SHA-1 as the SDK does (verifyHash after reading). */
  private static List<String> read(DigestBillEntity bill) throws Exception {
    String text = new String(bill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bill.verifyHash()).isTrue();
    assertThat(text).endsWith("\r\n").doesNotStartWith("\uFEFF");
    return List.of(text.split("\r\n"));
  }

  private String beijingDay() throws Exception {
    String now = JSON.readTree(get(base() + "/sandbox/api/clock").body()).get("now").asString();
    return LocalDate.ofInstant(Instant.parse(now), ZoneOffset.ofHours(8)).toString();
  }
}
