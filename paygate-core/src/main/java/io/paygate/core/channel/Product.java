package io.paygate.core.channel;

/** The cashier a payment uses. */
public enum Product {
  /** PC web cashier (FAST_INSTANT_TRADE_PAY). */
  PAGE,
  /** Mobile web cashier (QUICK_WAP_WAY). */
  WAP
}
