package io.paygate.wechatpay.wire;

import io.paygate.core.money.Money;
import java.math.BigDecimal;

/** WeChat Pay's amounts are whole fen (分) on the wire; {@link Money} (yuan) everywhere else. */
public final class Fen {

  private Fen() {}

  public static long of(Money money) {
    return money.amount().movePointRight(2).longValueExact();
  }

  /** For the prepay models, whose totals are {@code Integer}. */
  public static int intOf(Money money) {
    return Math.toIntExact(of(money));
  }

  public static Money money(long fen) {
    return new Money(BigDecimal.valueOf(fen, 2));
  }
}
