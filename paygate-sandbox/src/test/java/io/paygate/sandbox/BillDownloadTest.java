package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import io.paygate.sandbox.signing.RsaKeys;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bills of a fresh merchant app, so every row in them is one this test made. */
class BillDownloadTest extends PageFlowSupport {

  private static final Charset GBK = Charset.forName("GBK");
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private DefaultAlipayClient merchant() throws Exception {
    RsaKeys.EncodedKeyPair keys = RsaKeys.generate();
    JsonNode app =
        json(
            sendJson(
                "POST",
                base() + "/sandbox/api/apps",
                "{\"app_public_key\":\"" + keys.publicKey() + "\",\"name\":\"bills\"}"));
    return new DefaultAlipayClient(
        app.get("gateway_url").asString(),
        app.get("app_id").asString(),
        keys.privateKey(),
        "json",
        "UTF-8",
        app.get("alipay_public_key").asString(),
        "RSA2");
  }

  private ZonedDateTime sandboxNow() throws Exception {
    return Instant.parse(json(get(base() + "/sandbox/api/clock")).get("now").asString())
        .atZone(BEIJING);
  }

  private AlipayDataDataserviceBillDownloadurlQueryResponse bill(
      DefaultAlipayClient client, String type, String date) throws Exception {
    AlipayDataDataserviceBillDownloadurlQueryRequest request =
        new AlipayDataDataserviceBillDownloadurlQueryRequest();
    request.setBizContent("{\"bill_type\":\"" + type + "\",\"bill_date\":\"" + date + "\"}");
    return client.execute(request);
  }

  private static Map<String, String> unzip(byte[] zip) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        files.put(entry.getName(), new String(in.readAllBytes(), GBK));
      }
    }
    return files;
  }

  private HttpResponse<byte[]> download(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aPastDaysTradeBillListsEveryPaymentAndRefundInGbk() throws Exception {
    if (sandboxNow().getHour() == 23 && sandboxNow().getMinute() >= 50) {
      advance(15 * 60); // keep the whole test inside one Beijing day
    }
    DefaultAlipayClient client = merchant();
    String authCode = json(get(base() + "/sandbox/api/buyers")).get(0).get("auth_code").asString();
    String first = unique("BILL");
    String second = unique("BILL");
    for (String[] order : new String[][] {{first, "10.00"}, {second, "2.50"}}) {
      AlipayTradePayRequest pay = new AlipayTradePayRequest();
      pay.setBizContent(
          "{\"out_trade_no\":\""
              + order[0]
              + "\",\"scene\":\"bar_code\",\"auth_code\":\""
              + authCode
              + "\",\"total_amount\":\""
              + order[1]
              + "\",\"subject\":\"账单测试, bill\"}");
      assertThat(client.execute(pay).isSuccess()).isTrue();
    }
    AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
    refund.setBizContent(
        "{\"out_trade_no\":\""
            + first
            + "\",\"refund_amount\":\"3.00\",\"out_request_no\":\"RB1\"}");
    assertThat(client.execute(refund).getFundChange()).isEqualTo("Y");
    LocalDate day = sandboxNow().toLocalDate();

    AlipayDataDataserviceBillDownloadurlQueryResponse today = bill(client, "trade", day.toString());
    assertThat(today.getSubCode()).isEqualTo("isp.bill_not_exist");

    advance(24 * 3600);
    AlipayDataDataserviceBillDownloadurlQueryResponse issued =
        bill(client, "trade", day.toString());
    assertThat(issued.isSuccess()).isTrue();
    assertThat(issued.getBillFileCode()).isNull();
    assertThat(issued.getBillDownloadUrl()).startsWith(base() + "/sandbox/bills/");

    HttpResponse<byte[]> zip = download(issued.getBillDownloadUrl());
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
    // Entry names in GBK, and the "names are UTF-8" flag (general purpose bit 11) not set.
    assertThat(zip.body()[7] & 0x08).isZero();
    Map<String, String> files = unzip(zip.body());
    String compact = day.toString().replace("-", "");
    List<String> names = List.copyOf(files.keySet());
    assertThat(names).hasSize(2);
    assertThat(names.get(0)).matches("2088\\d{12}0156_" + compact + "_业务明细\\.csv");
    assertThat(names.get(1)).matches("2088\\d{12}0156_" + compact + "_业务明细\\(汇总\\)\\.csv");

    List<String> detail = files.get(names.get(0)).lines().toList();
    assertThat(detail.get(0)).isEqualTo("#支付宝业务明细查询");
    assertThat(detail.get(1)).matches("#账号：\\[2088\\d{12}0156]");
    String cn =
        day.getYear() + "年" + String.format("%02d月%02d日", day.getMonthValue(), day.getDayOfMonth());
    assertThat(detail.get(2)).startsWith("#起始日期：[" + cn + " 00:00:00]   终止日期：[");
    assertThat(detail.get(3)).contains("业务明细列表");
    assertThat(detail.get(4))
        .startsWith("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间")
        .endsWith("退款批次号/请求号,服务费（元）,分润（元）,备注");
    List<String> rows = detail.stream().filter(l -> !l.startsWith("#")).skip(1).toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.stream().filter(r -> r.contains(first + "\t,交易\t,")).toList()).hasSize(1);
    assertThat(rows.stream().filter(r -> r.contains(second + "\t,交易\t,")).toList()).hasSize(1);
    String refundRow =
        rows.stream().filter(r -> r.contains(first + "\t,退款\t,")).findFirst().orElseThrow();
    assertThat(refundRow).contains(",\"账单测试, bill\",").contains(",10.00,-3.00,").contains("RB1\t");
    assertThat(files.get(names.get(0)))
        .contains("#交易合计：2笔，商家实收共12.50元")
        .contains("#退款合计：1笔，商家实收共-3.00元");
    List<String> summary = files.get(names.get(1)).lines().toList();
    assertThat(summary.get(0)).isEqualTo("#支付宝业务汇总查询");
    assertThat(summary).anyMatch(l -> l.startsWith("合计,,2,1,12.50,9.50,"));

    AlipayDataDataserviceBillDownloadurlQueryResponse account =
        bill(client, "signcustomer", day.toString());
    Map<String, String> accountFiles = unzip(download(account.getBillDownloadUrl()).body());
    String accountDetail = accountFiles.values().iterator().next();
    assertThat(accountDetail).startsWith("#支付宝账务明细查询");
    assertThat(accountDetail.lines().filter(l -> l.contains(first + "\t,")).count()).isEqualTo(2);

    advance(31);
    HttpResponse<byte[]> late = download(issued.getBillDownloadUrl());
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(new String(late.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("BILL_URL_EXPIRED");
  }

  @Test
  void anEmptyDayHasAFileWithHeadersOnlyAndBadDatesAreRefused() throws Exception {
    DefaultAlipayClient client = merchant();
    LocalDate today = sandboxNow().toLocalDate();

    AlipayDataDataserviceBillDownloadurlQueryResponse empty =
        bill(client, "trade", today.minusDays(3).toString());
    assertThat(empty.isSuccess()).isTrue();
    assertThat(empty.getBillFileCode()).isEqualTo("EMPTY_DATA_WITH_BILL_FILE");
    Map<String, String> files = unzip(download(empty.getBillDownloadUrl()).body());
    String detail = files.values().iterator().next();
    assertThat(detail.lines().filter(l -> !l.startsWith("#")).toList())
        .containsExactly(detail.lines().toList().get(4));
    assertThat(detail).contains("#交易合计：0笔");

    String lastMonth = today.minusMonths(1).toString().substring(0, 7);
    AlipayDataDataserviceBillDownloadurlQueryResponse monthly = bill(client, "trade", lastMonth);
    assertThat(monthly.isSuccess()).isTrue();
    assertThat(unzip(download(monthly.getBillDownloadUrl()).body()).keySet())
        .allMatch(name -> name.contains("_" + lastMonth.replace("-", "") + "_"));

    assertThat(bill(client, "trade", today.toString().substring(0, 7)).getSubCode())
        .isEqualTo("isp.bill_not_exist");
    assertThat(bill(client, "trade", today.plusDays(2).toString()).getSubCode())
        .isEqualTo("isp.bill_not_exist");
    for (String[] bad :
        new String[][] {
          {"trade", "2026-13-01"}, {"trade", "20260101"}, {"trade", ""}, {"fund", "2020-01-01"}
        }) {
      AlipayDataDataserviceBillDownloadurlQueryResponse refused = bill(client, bad[0], bad[1]);
      assertThat(refused.getCode()).as(String.join(" ", bad)).isEqualTo("40002");
      assertThat(refused.getSubCode()).isEqualTo("isv.invalid-parameter");
    }
    assertThat(download(base() + "/sandbox/bills/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void aConsoleRefundIsARefundRowWithItsAlipayMadeNumber() throws Exception {
    if (sandboxNow().getHour() == 23 && sandboxNow().getMinute() >= 50) {
      advance(15 * 60);
    }
    DefaultAlipayClient client = merchant();
    String authCode = json(get(base() + "/sandbox/api/buyers")).get(0).get("auth_code").asString();
    String out = unique("BILLC");
    AlipayTradePayRequest pay = new AlipayTradePayRequest();
    pay.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"scene\":\"bar_code\",\"auth_code\":\""
            + authCode
            + "\",\"total_amount\":\"8.00\",\"subject\":\"console\"}");
    String tradeNo = client.execute(pay).getTradeNo();
    JsonNode refund =
        json(
            sendJson(
                "POST",
                base() + "/sandbox/api/trades/" + tradeNo + "/console-refunds",
                "{\"refund_amount\":\"1.50\"}"));
    String outBizNo = refund.get("out_biz_no").asString();
    LocalDate day = sandboxNow().toLocalDate();
    advance(24 * 3600);

    AlipayDataDataserviceBillDownloadurlQueryResponse issued =
        bill(client, "trade", day.toString());
    Map<String, String> files = unzip(download(issued.getBillDownloadUrl()).body());
    List<String> rows =
        files.get(List.copyOf(files.keySet()).get(0)).lines().filter(l -> l.contains(out)).toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).contains(",退款\t,").contains(outBizNo + "\t").contains("-1.50");
  }
}
