package io.paygate.server.reconciliation;

import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.reconciliation.BillReconciler;
import io.paygate.server.pages.PageController;
import io.paygate.server.pages.PagesProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /reconciliations}: a day's latest run against Alipay's bill, and running it again. */
@PageController
public class ReconciliationPagesController {

  private final BillReconciler reconciler;
  private final Clock clock;
  private final PagesProperties pages;

  public ReconciliationPagesController(
      BillReconciler reconciler, Clock clock, PagesProperties pages) {
    this.reconciler = reconciler;
    this.clock = clock;
    this.pages = pages;
  }

  @GetMapping("/reconciliations")
  public String day(@RequestParam(required = false) String date, Model model) {
    LocalDate day = day(date);
    model.addAttribute("day", day);
    try {
      model.addAttribute("run", ReconciliationView.of(reconciler.latest(day)));
    } catch (PayGateException none) {
      if (none.code() != ErrorCode.RECONCILIATION_NOT_FOUND) {
        throw none;
      }
      model.addAttribute("run", null);
    }
    return "reconciliation/reconciliations";
  }

  /** Fetches the day's bill and reconciles now (mending what can be mended), as the job does. */
  @PostMapping("/reconciliations")
  public String reconcile(@RequestParam String date, RedirectAttributes redirect) {
    LocalDate day = day(date);
    try {
      reconciler.reconcile(day);
      redirect.addFlashAttribute("notice", "已对账 Reconciled " + day);
    } catch (PayGateException refused) {
      redirect.addFlashAttribute("errorMessage", refused.getMessage());
    }
    return "redirect:/reconciliations?date=" + day;
  }

  /** The day asked for, or yesterday (the latest whose bill can exist). */
  private LocalDate day(String date) {
    if (date == null || date.isBlank()) {
      return clock.instant().atZone(pages.zone()).toLocalDate().minusDays(1);
    }
    try {
      return LocalDate.parse(date.trim());
    } catch (DateTimeParseException e) {
      throw PayGateException.invalid("date", "date is a day, as yyyy-MM-dd");
    }
  }
}
