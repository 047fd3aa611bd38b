package io.paygate.server.payments;

import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.facetoface.BarcodePayments;
import io.paygate.core.facetoface.CancelService;
import io.paygate.core.payments.Cancellation;
import io.paygate.core.payments.NewPayment;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRules;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.server.PayGateProperties;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.IncompleteAnswer;
import io.paygate.server.api.ListPage;
import io.paygate.server.api.ListParameters;
import io.paygate.server.api.Locations;
import io.paygate.server.api.ReadScope;
import io.paygate.server.api.WriteScope;
import io.paygate.server.apikeys.AppAccess;
import io.paygate.server.idempotency.BoundNumbers;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The payments part of the merchant API. */
@ApiController
@RequestMapping("/api/v1/payments")
public class PaymentApiController {

  private final PaymentService payments;
  private final CancelService cancels;
  private final BarcodePayments barcodes;
  private final JdbcPaymentRepository repository;
  private final String publicUrl;

  public PaymentApiController(
      PaymentService payments,
      CancelService cancels,
      BarcodePayments barcodes,
      JdbcPaymentRepository repository,
      PayGateProperties properties) {
    this.payments = payments;
    this.cancels = cancels;
    this.barcodes = barcodes;
    this.repository = repository;
    this.publicUrl = properties.publicUrl();
  }

  @WriteScope
  @PostMapping
  public ResponseEntity<PaymentView> create(
      @RequestBody CreatePaymentRequest request, HttpServletRequest http) {
    NewPayment asked = request.toNewPayment(payments.channels());
    String app =
        PaymentRules.chooseApp(
            payments.channels().of(asked.channel()).apps(), asked.app(), asked.product());
    AppAccess.mayUse(http, app);
    // Under an Idempotency-Key the payment takes the number the key bound before any call, so a
    // retry finds the first run's payment rather than making (and charging) another.
    NewPayment order =
        new NewPayment(
            asked.totalAmount(),
            asked.subject(),
            asked.body(),
            asked.product(),
            BoundNumbers.outTradeNo(http, asked.outTradeNo()),
            app,
            asked.buyer(),
            asked.channel());
    boolean resume = BoundNumbers.resumes(http);
    Payment payment =
        order.product().chargesPaymentCode()
            ? barcodes.pay(order, request.authCode(), resume)
            : payments.create(order, resume);
    if (CreatePaymentRequest.WECHATPAY.equals(payment.channel())) {
      return createdAtWechatPay(payment, http);
    }
    // page, wap and any: the pay_url's page; qr, app and jsapi take theirs from Alipay below.
    PaymentView created = view(payment).withPayUrlCheckout(payment.product());
    if (payment.product().showsQrCode()) {
      // The code to show the buyer. Should Alipay not answer now, the payment stands all the
      // same, without qr_code: its pay_url page asks again.
      try {
        created = created.withQrCode(payments.qrCode(payment.outTradeNo()));
      } catch (PayGateException refused) {
        if (refused.code() != ErrorCode.CHANNEL_UNAVAILABLE) {
          throw refused; // Alipay refused the order: the shop must hear why
        }
        IncompleteAnswer.mark(); // a retry with the Idempotency-Key asks again
      }
    }
    if (payment.status() == PaymentStatus.PENDING
        && (payment.product().appOrder() || payment.product().needsBuyer())) {
      // What the shop's app hands Alipay: the signed order string (signed here, nothing asked), or
      // the JSAPI trade made for the buyer. Should Alipay not answer the create, the payment
      // stands without checkout: the same request again (with its Idempotency-Key) asks again.
      try {
        created = created.withCheckout(payments.checkout(payment.outTradeNo()));
      } catch (PayGateException refused) {
        if (refused.code() != ErrorCode.CHANNEL_UNAVAILABLE) {
          throw refused;
        }
        IncompleteAnswer.mark();
      }
    }
    // A barcode payment answers as the charge leaves it: PAID; CLOSED when the buyer did not
    // confirm in time (then cancelled, as Alipay prescribes); or, while Alipay's word is missing,
    // 202 PENDING with the payment to poll (the janitor settles it). A refusal is BarcodeRefused.
    boolean unknown =
        payment.product().chargesPaymentCode() && payment.status() == PaymentStatus.PENDING;
    return ResponseEntity.status(unknown ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
        .location(Locations.api("payments", created.outTradeNo()))
        .body(created);
  }

  @ReadScope
  @GetMapping("/{outTradeNo}")
  public PaymentView get(
      @PathVariable String outTradeNo,
      @RequestParam(defaultValue = "false") boolean sync,
      HttpServletRequest http) {
    Payment payment = AppAccess.visible(http, payments.get(outTradeNo));
    return view(sync ? payments.sync(outTradeNo) : payment);
  }

  /**
   * The payments, newest first, a page at a time: {@code starting_after} is the last {@code
   * out_trade_no} of the page before (a cursor, so a page costs the same however deep).
   */
  @ReadScope
  @GetMapping(params = "!trade_no")
  public ListPage<PaymentView> list(
      @RequestParam(required = false) String status,
      @RequestParam(name = "created_from", required = false) String createdFrom,
      @RequestParam(name = "created_to", required = false) String createdTo,
      @RequestParam(required = false) Integer limit,
      @RequestParam(name = "starting_after", required = false) String startingAfter,
      @RequestParam(required = false) String app,
      @RequestParam(required = false) String channel,
      HttpServletRequest http) {
    int size = ListParameters.limit(limit);
    String of = ListParameters.channel(payments.channels(), channel);
    if (startingAfter != null && !startingAfter.isBlank()) {
      AppAccess.visible(http, payments.get(startingAfter));
    }
    List<PaymentView> rows =
        repository
            .list(
                AppAccess.listed(http, app),
                of,
                ListParameters.oneOf("status", status, PaymentStatus.class),
                ListParameters.time("created_from", createdFrom),
                ListParameters.time("created_to", createdTo),
                startingAfter,
                size + 1)
            .stream()
            .map(this::view)
            .toList();
    return ListPage.of(rows, size);
  }

  /** Finds a payment by Alipay's trade number (404 when none has it), synced on request. */
  @ReadScope
  @GetMapping(params = "trade_no")
  public PaymentView findByTradeNo(
      @Parameter(
              required = false,
              description =
                  "Alipay's trade number: when given, the answer is that one payment (or 404),"
                      + " not a page")
          // Present whenever this method is chosen (params = "trade_no"); not required for the
          // docs.
          @RequestParam(name = "trade_no", required = false)
          String tradeNo,
      @RequestParam(defaultValue = "false") boolean sync,
      HttpServletRequest http) {
    Payment payment = AppAccess.visible(http, payments.getByTradeNo(tradeNo));
    return view(sync ? payments.sync(payment.outTradeNo()) : payment);
  }

  /**
   * Cancels a face-to-face (qr, barcode) payment as Alipay does: closed if unpaid, refunded in full
   * if paid. 409 PAYMENT_NOT_CANCELLABLE for the cashier products (close or refund those). Should
   * Alipay not answer, it may have refunded the buyer: never a 5xx then, but 202 with the payment
   * as it stands and no action; the cancel stays in flight (the janitor sends it again until Alipay
   * answers, and the same request again with its Idempotency-Key resumes it).
   */
  @WriteScope
  @PostMapping("/{outTradeNo}/cancel")
  public ResponseEntity<CancelView> cancel(
      @PathVariable String outTradeNo, HttpServletRequest http) {
    AppAccess.visible(http, payments.get(outTradeNo));
    Cancellation cancellation = cancels.requestCancel(outTradeNo);
    if (cancellation instanceof Cancellation.Done done) {
      return ResponseEntity.ok(new CancelView(done.action(), view(done.payment())));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(Locations.api("payments", outTradeNo))
        .body(new CancelView(null, view(cancellation.payment())));
  }

  /**
   * Closes an unpaid payment: 200 CLOSED. Should Alipay not answer, the trade may or may not be
   * closed: 202 with the payment as it stands (PENDING, checked again soon); send the same request
   * again (with its Idempotency-Key) to close it.
   */
  @WriteScope
  @PostMapping("/{outTradeNo}/close")
  public ResponseEntity<PaymentView> close(
      @PathVariable String outTradeNo, HttpServletRequest http) {
    AppAccess.visible(http, payments.get(outTradeNo));
    Payment payment = payments.close(outTradeNo);
    if (payment.status() == PaymentStatus.CLOSED) {
      return ResponseEntity.ok(view(payment));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(Locations.api("payments", outTradeNo))
        .body(view(payment));
  }

  /**
   * An app payment's synchronous result, as Alipay's mobile SDK handed it to the shop's app ({@code
   * result}: the signed {@code alipay_trade_app_pay_response}). Its signature is checked, then
   * Alipay is asked: the answer is the payment as that query leaves it. The result is never proof
   * on its own; one Alipay did not sign for this payment is 400 {@code APP_RESULT_REJECTED} and
   * changes nothing.
   */
  @WriteScope
  @PostMapping("/{outTradeNo}/app-result")
  public PaymentView appResult(
      @PathVariable String outTradeNo,
      @RequestBody AppResultRequest request,
      HttpServletRequest http) {
    AppAccess.visible(http, payments.get(outTradeNo));
    return view(payments.appResult(outTradeNo, request.result()));
  }

  /**
   * A WeChat Pay payment's create answer: every product's checkout is WeChat Pay's own (a code_url,
   * a JSAPI or app prepay with its signed parameters, an h5 page for the phone's browser, which
   * WeChat Pay wants the buyer's IP address for). Should WeChat Pay not answer now, the payment
   * stands without checkout: the same request again (with its Idempotency-Key) asks again.
   */
  private ResponseEntity<PaymentView> createdAtWechatPay(Payment payment, HttpServletRequest http) {
    PaymentView created = view(payment);
    if (payment.status() == PaymentStatus.PENDING) {
      try {
        created =
            created.withCheckout(
                payments.checkout(payment, http.getRemoteAddr()), payment.channel());
      } catch (PayGateException refused) {
        if (refused.code() != ErrorCode.CHANNEL_UNAVAILABLE) {
          throw refused;
        }
        // Not kept: the retry prepays again under the same out_trade_no, which charges no one.
        IncompleteAnswer.mark();
      }
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(Locations.api("payments", created.outTradeNo()))
        .body(created);
  }

  private PaymentView view(Payment payment) {
    return PaymentView.of(payment, publicUrl);
  }
}
