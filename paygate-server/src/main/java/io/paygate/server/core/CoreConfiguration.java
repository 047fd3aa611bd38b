package io.paygate.server.core;

import io.paygate.core.channel.Channels;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.facetoface.BarcodePayments;
import io.paygate.core.facetoface.CancelService;
import io.paygate.core.notify.NotificationService;
import io.paygate.core.numbers.Identifiers;
import io.paygate.core.payments.BookEvents;
import io.paygate.core.payments.BuyerSignIn;
import io.paygate.core.payments.CashierWays;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.TradeReconciler;
import io.paygate.core.recovery.Janitor;
import io.paygate.core.refunds.PaidAfterCloseRefunds;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.transactions.Transactions;
import io.paygate.server.PayGateProperties;
import io.paygate.server.payments.PaymentsProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java domain services to their adapters. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * What the core announces is published to the listeners in this process (the outbox, the
   * metrics), on the announcing thread: inside the transaction of the change.
   */
  @Bean
  BookEvents bookEvents(ApplicationEventPublisher publisher) {
    return publisher::publishEvent;
  }

  /**
   * Every payment channel configured (each a {@link PaymentChannel} bean), by id: the one place the
   * core and the server reach a channel through. A request naming none goes to Alipay's when it is
   * configured.
   */
  @Bean
  Channels channels(ObjectProvider<PaymentChannel> channels) {
    return new Channels(channels.orderedStream().toList(), DEFAULT_CHANNEL);
  }

  /** The channel a request that names none is taken through, when configured. */
  public static final String DEFAULT_CHANNEL = "alipay";

  @Bean
  Identifiers identifiers(Clock clock) {
    return new Identifiers(clock);
  }

  @Bean
  TradeReconciler tradeReconciler(
      PaymentRepository payments,
      RefundRepository refunds,
      RefundSettlement settlement,
      CheckSchedule checks,
      PaymentsProperties properties,
      BookEvents events) {
    return new TradeReconciler(
        payments,
        new PaidAfterCloseRefunds(refunds, settlement, checks),
        properties.paidAfterClose(),
        events);
  }

  @Bean
  CashierWays cashierWays(
      PaymentService paymentService,
      PaymentRepository payments,
      Transactions transactions,
      Clock clock) {
    return new CashierWays(paymentService, payments, transactions, clock);
  }

  @Bean
  BuyerSignIn buyerSignIn(Channels channels) {
    return new BuyerSignIn(channels);
  }

  @Bean
  PaymentService paymentService(
      PaymentRepository payments,
      Channels channels,
      TradeReconciler reconciler,
      Transactions transactions,
      Identifiers identifiers,
      CheckSchedule checks,
      Clock clock,
      PayGateProperties properties,
      BookEvents events) {
    return new PaymentService(
        payments,
        channels,
        reconciler,
        transactions,
        identifiers,
        checks,
        clock,
        properties.payTimeout(),
        events);
  }

  @Bean
  CancelService cancelService(
      PaymentService paymentService,
      PaymentRepository payments,
      TradeReconciler reconciler,
      RefundSettlement settlement,
      CheckSchedule checks,
      Transactions transactions,
      Clock clock) {
    return new CancelService(
        paymentService, payments, reconciler, settlement, checks, transactions, clock);
  }

  @Bean
  BarcodePayments barcodePayments(
      PaymentService paymentService,
      CancelService cancels,
      Clock clock,
      PaymentsProperties properties) {
    return new BarcodePayments(
        paymentService, cancels, clock, properties.barcodeWait(), properties.barcodePoll());
  }

  @Bean
  RefundSettlement refundSettlement(
      RefundRepository refunds, PaymentRepository payments, BookEvents events, Clock clock) {
    return new RefundSettlement(refunds, payments, events, clock);
  }

  @Bean
  RefundService refundService(
      PaymentRepository payments,
      RefundRepository refunds,
      RefundSettlement settlement,
      Channels channels,
      Transactions transactions,
      Identifiers identifiers,
      CheckSchedule checks,
      Clock clock) {
    return new RefundService(
        payments, refunds, settlement, channels, transactions, identifiers, checks, clock);
  }

  @Bean
  NotificationService notificationService(
      Channels channels,
      PaymentRepository payments,
      TradeReconciler reconciler,
      RefundSettlement settlement,
      CheckSchedule checks,
      Transactions transactions,
      ExchangeLog exchanges,
      Clock clock) {
    return new NotificationService(
        channels, payments, reconciler, settlement, checks, transactions, exchanges, clock);
  }

  @Bean
  Janitor janitor(
      PaymentRepository payments,
      PaymentService paymentService,
      RefundRepository refunds,
      RefundService refundService,
      CancelService cancels,
      Clock clock,
      PaymentsProperties properties) {
    return new Janitor(
        payments, paymentService, refunds, refundService, cancels, clock, properties.barcodeWait());
  }
}
