package io.paygate.server.reconciliation;

import io.paygate.core.channel.Channels;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.PaymentRules;
import io.paygate.core.reconciliation.BillReconciler;
import io.paygate.core.reconciliation.Reconciliation;
import io.paygate.server.api.ApiController;
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
 * The reconciliation part of the merchant API. A key limited to apps reconciles and reads only its
 * apps' bills (403 APP_NOT_ALLOWED for another's).
 */
@ApiController
@RequestMapping("/api/v1/reconciliations")
public class ReconciliationApiController {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final BillReconciler reconciler;
  private final MerchantApps apps;

  public ReconciliationApiController(BillReconciler reconciler, Channels channels) {
    this.reconciler = reconciler;
    // The default channel's bills (another channel's are reconciled by BillReconciler too).
    this.apps = channels.defaultChannel().apps();
  }

  /** The app named (the default app without one), which the calling key must be allowed. */
  private String allowed(String app, HttpServletRequest http) {
    String chosen = PaymentRules.chooseApp(apps, app, null);
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
    allowed(request.app(), http);
    Reconciliation made = reconciler.reconcile(request.app(), day);
    ReconciliationView run = ReconciliationView.of(made);
    String location = "/api/v1/reconciliations/" + day;
    return ResponseEntity.created(
            URI.create(request.app() == null ? location : location + "?app=" + made.app()))
        .body(run);
  }

  /** The latest run for the app's bill of the day (the default app's without {@code app}). */
  @ReadScope
  @GetMapping("/{billDate}")
  public ReconciliationView latest(
      @PathVariable String billDate,
      @RequestParam(required = false) String app,
      HttpServletRequest http) {
    LocalDate day = billDate(billDate);
    allowed(app, http);
    return ReconciliationView.of(reconciler.latest(app, day));
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
