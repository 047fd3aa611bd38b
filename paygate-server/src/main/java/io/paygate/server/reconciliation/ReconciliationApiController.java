package io.paygate.server.reconciliation;

import io.paygate.core.channel.Channels;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.PaymentRules;
import io.paygate.core.reconciliation.BillReconciler;
import io.paygate.core.reconciliation.Reconciliation;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.ListParameters;
import io.paygate.server.api.ReadScope;
import io.paygate.server.api.WriteScope;
import io.paygate.server.apikeys.AppAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reconciliation part of the merchant API: one channel's app's bill at a time (the default
 * channel's without {@code channel}). A key limited to apps reconciles and reads only its apps'
 * bills (403 APP_NOT_ALLOWED for another's).
 */
@ApiController
@RequestMapping("/api/v1/reconciliations")
public class ReconciliationApiController {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final BillReconciler reconciler;
  private final Channels channels;

  public ReconciliationApiController(BillReconciler reconciler, Channels channels) {
    this.reconciler = reconciler;
    this.channels = channels;
  }

  /** The channel named (the default one without), 400 naming {@code channel} for another. */
  private String channel(String channel) {
    String named = ListParameters.channel(channels, channel);
    return named == null ? channels.defaultId() : named;
  }

  /**
   * The channel's app named (its default app without one), which the calling key must be allowed.
   */
  private String allowed(String channel, String app, HttpServletRequest http) {
    String chosen = PaymentRules.chooseApp(channels.of(channel).apps(), app, null);
    AppAccess.mayUse(http, chosen);
    return chosen;
  }

  /**
   * Reconciles the day now (mending what PayGate can) and answers the run, kept with the others.
   */
  @WriteScope
  @PostMapping
  public ResponseEntity<ReconciliationView> reconcile(
      @RequestBody ReconcileRequest request, HttpServletRequest http) {
    LocalDate day = billDate(request.billDate());
    String channel = channel(request.channel());
    allowed(channel, request.app(), http);
    Reconciliation made = reconciler.reconcile(channel, request.app(), day);
    ReconciliationView run = ReconciliationView.of(made);
    String location = "/api/v1/reconciliations/" + day;
    String query =
        (request.channel() == null ? "" : "&channel=" + made.channel())
            + (request.app() == null ? "" : "&app=" + made.app());
    return ResponseEntity.created(
            URI.create(query.isEmpty() ? location : location + "?" + query.substring(1)))
        .body(run);
  }

  /**
   * The latest run for the channel's app's bill of the day (the default channel's, its default
   * app's, without {@code channel} or {@code app}).
   */
  @ReadScope
  @GetMapping("/{billDate}")
  public ReconciliationView latest(
      @PathVariable String billDate,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String app,
      HttpServletRequest http) {
    LocalDate day = billDate(billDate);
    String of = channel(channel);
    allowed(of, app, http);
    return ReconciliationView.of(reconciler.latest(of, app, day));
  }

  private static LocalDate billDate(String text) {
    if (text == null || text.isBlank()) {
      throw PayGateException.invalid("bill_date", "bill_date is required, as yyyy-MM-dd");
    }
    try {
      return LocalDate.parse(text.trim(), DAY);
    } catch (DateTimeParseException malformed) {
      throw PayGateException.invalid(
          "bill_date", "bill_date must be a day as yyyy-MM-dd, such as 2026-06-05");
    }
  }
}
