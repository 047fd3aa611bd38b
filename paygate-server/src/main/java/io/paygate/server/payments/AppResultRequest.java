package io.paygate.server.payments;

import com.fasterxml.jackson.annotation.JsonAlias;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/payments/{out_trade_no}/app-result}: what Alipay's mobile SDK handed the
 * shop's app, passed on as it came. Only {@code result} is read; {@code resultStatus} and {@code
 * memo} are the app's to show, and prove nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AppResultRequest(
    @JsonAlias("resultStatus") String resultStatus, String memo, String result) {}
