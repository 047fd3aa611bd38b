package io.paygate.server.payments;

import io.paygate.core.payments.PaymentStatus;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What an operator searches payments by; every field may be empty. Pages run newest first, by
 * cursor: {@code after} is the last out_trade_no of the page before (no OFFSET, so a page costs the
 * same however deep).
 *
 * @param number an out_trade_no or an Alipay trade_no, exactly
 * @param buyer a buyer's Alipay user id or OpenID exactly, or part of the (masked) logon id
 * @param attention only the payments that need a person (when true; absent from a query is null)
 * @param from the first day (in the pages' zone) of the creation range
 * @param to the last day of the creation range
 * @param channel the payment channel's id ({@code alipay}, {@code wechatpay}), or empty for any
 */
public record PaymentSearch(
    String number,
    String buyer,
    PaymentStatus status,
    Boolean attention,
    BigDecimal amount,
    LocalDate from,
    LocalDate to,
    String channel,
    String after) {

  public static final int PAGE_SIZE = 20;
}
