package io.paygate.sandbox.bills;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.wire.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.data.dataservice.bill.downloadurl.query}: a URL on the sandbox, valid 30 s of
 * virtual time, serving the zip of the day's or month's bill. Only periods that are over have a
 * bill ({@code isp.bill_not_exist} otherwise); a period without any movement answers {@code
 * bill_file_code=EMPTY_DATA_WITH_BILL_FILE} and a file with headers only.
 */
@Component
public class BillDownloadApi implements GatewayApi {

  static final Duration URL_LIFETIME = Duration.ofSeconds(30);
  static final Set<String> TYPES = Set.of("trade", "signcustomer");

  private final BillRepository bills;
  private final VirtualClock clock;

  public BillDownloadApi(BillRepository bills, VirtualClock clock) {
    this.bills = bills;
    this.clock = clock;
  }

  @Override
  public String method() {
    return "alipay.data.dataservice.bill.downloadurl.query";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    Optional<String> type = call.biz().text("bill_type");
    if (type.isEmpty() || !TYPES.contains(type.get())) {
      return invalid("参数无效：bill_type必须为trade或signcustomer");
    }
    Optional<BillPeriod> period = call.biz().text("bill_date").flatMap(BillPeriod::parse);
    if (period.isEmpty()) {
      return invalid("参数无效：bill_date格式为yyyy-MM-dd或yyyy-MM");
    }
    Instant now = clock.now();
    if (!period.get().overAt(now)) {
      return new ApiOutcome.Failure(GatewayError.business("isp.bill_not_exist", "账单不存在"));
    }
    String appId = call.app().appId();
    String token = Ids.token();
    bills.insert(
        new BillRepository.Download(
            token, appId, type.get(), period.get().text(), now.plus(URL_LIFETIME)));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("bill_download_url", call.publicBase() + "/sandbox/bills/" + token);
    if (bills.entries(appId, period.get().start(), period.get().end()).isEmpty()) {
      fields.put("bill_file_code", "EMPTY_DATA_WITH_BILL_FILE");
    }
    return ApiOutcome.success(fields);
  }

  private static ApiOutcome invalid(String message) {
    return new ApiOutcome.Failure(GatewayError.invalid("isv.invalid-parameter", message));
  }
}
