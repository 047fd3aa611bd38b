package io.paygate.sandbox.trades;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.sandbox.SandboxProperties;
import io.paygate.sandbox.database.SandboxDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Walks the transition table: from each state, a transition applies exactly when it is allowed. */
class TradeTransitionTest {

  private static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");

  private final SandboxDatabase db =
      new SandboxDatabase(
          new SandboxProperties(
              null,
              "jdbc:h2:mem:transitions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
              null,
              Duration.ofDays(90),
              Duration.ofSeconds(2),
              Duration.ofSeconds(5),
              Duration.ZERO),
          new MockEnvironment());
  private final TradeRepository trades = new TradeRepository(db);
  private int orders;

  @AfterEach
  void close() {
    db.destroy();
  }

  @Test
  void aNewOrderIsNotOpened() {
    Trade order = trades.byId(order()).orElseThrow();
    assertThat(order.status()).isEqualTo(TradeStatus.ORDER);
    assertThat(order.opened()).isFalse();
    assertThat(order.tradeNo()).isNull();
  }

  @Test
  void everyTransitionAppliesFromItsStatesAndFromNoOther() {
    for (TradeTransition transition : TradeTransition.values()) {
      for (TradeStatus from : TradeStatus.values()) {
        long id = tradeIn(from);
        Trade before = trades.byId(id).orElseThrow();
        boolean applied = trades.apply(id, transition, NOW);
        Trade after = trades.byId(id).orElseThrow();
        String what = transition + " from " + from;
        if (transition.allowedFrom(from)) {
          assertThat(applied).as(what).isTrue();
          assertThat(after.status()).as(what).isEqualTo(transition.to());
        } else {
          assertThat(applied).as(what).isFalse();
          assertThat(after).as(what).isEqualTo(before);
        }
      }
    }
  }

  @Test
  void aTransitionRecordsWhenItHappened() {
    long id = order();
    trades.apply(id, TradeTransition.OPEN, NOW);
    Trade opened = trades.byId(id).orElseThrow();
    assertThat(opened.openedAt()).isEqualTo(NOW);
    assertThat(opened.tradeNo()).startsWith("2026030122");

    trades.apply(id, TradeTransition.PAY, NOW.plusSeconds(1));
    assertThat(trades.byId(id).orElseThrow().paidAt()).isEqualTo(NOW.plusSeconds(1));

    trades.apply(id, TradeTransition.REFUND_ALL, NOW.plusSeconds(2));
    assertThat(trades.byId(id).orElseThrow().closedAt()).isEqualTo(NOW.plusSeconds(2));

    long finished = tradeIn(TradeStatus.TRADE_SUCCESS);
    trades.apply(finished, TradeTransition.FINISH, NOW.plusSeconds(3));
    assertThat(trades.byId(finished).orElseThrow().closedAt()).isNull();
  }

  @Test
  void aChangeAppliedTwiceAppliesOnce() {
    for (TradeTransition transition : TradeTransition.values()) {
      if (transition.allowedFrom(transition.to())) {
        continue; // REFUND_PART leaves the trade paid: there is nothing to apply twice
      }
      long id = tradeIn(transition.from().iterator().next());
      assertThat(trades.apply(id, transition, NOW)).as(transition.name()).isTrue();
      assertThat(trades.apply(id, transition, NOW)).as(transition.name()).isFalse();
    }
  }

  /** A trade brought to {@code status} along the table's own transitions. */
  private long tradeIn(TradeStatus status) {
    long id = order();
    switch (status) {
      case ORDER -> {}
      case WAIT_BUYER_PAY -> trades.apply(id, TradeTransition.OPEN, NOW);
      case TRADE_SUCCESS -> {
        trades.apply(id, TradeTransition.OPEN, NOW);
        trades.apply(id, TradeTransition.PAY, NOW);
      }
      case TRADE_FINISHED -> {
        trades.apply(id, TradeTransition.OPEN, NOW);
        trades.apply(id, TradeTransition.PAY, NOW);
        trades.apply(id, TradeTransition.FINISH, NOW);
      }
      case TRADE_CLOSED -> {
        trades.apply(id, TradeTransition.OPEN, NOW);
        trades.apply(id, TradeTransition.CLOSE, NOW);
      }
    }
    assertThat(trades.byId(id).orElseThrow().status()).isEqualTo(status);
    return id;
  }

  private long order() {
    orders++;
    NewOrder order =
        new NewOrder(
            "2021000000000001",
            "T" + orders,
            "alipay.trade.page.pay",
            "FAST_INSTANT_TRADE_PAY",
            new BigDecimal("1.00"),
            "subject",
            null,
            null,
            null,
            null,
            "utf-8");
    return trades.insertOrder(order, "token-" + orders, NOW.plusSeconds(3600), NOW);
  }
}
