package io.paygate.server.reconciliation;

import io.paygate.core.channel.Channels;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.reconciliation.BillReconciler;
import io.paygate.server.api.ListParameters;
import io.paygate.server.pages.PageController;
import io.paygate.server.pages.PagesProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /reconciliations}: a day's latest run against one channel's bill (the default channel's
 * default app), and running it again. The channel is chosen only where there are several.
 */
@PageController
public class ReconciliationPagesController {

  private final BillReconciler reconciler;
  private final Channels channels;
  private final Clock clock;
  private final PagesProperties pages;

  public ReconciliationPagesController(
      BillReconciler reconciler, Channels channels, Clock clock, PagesProperties pages) {
    this.reconciler = reconciler;
    this.channels = channels;
    this.clock = clock;
    this.pages = pages;
  }

  @GetMapping("/reconciliations")
  public String day(
      @RequestParam(required = false) String date,
      @RequestParam(required = false) String channel,
      Model model) {
    LocalDate day = day(date);
    String of = channel(channel);
    model.addAttribute("day", day);
    model.addAttribute("channel", of);
    model.addAttribute("channels", channels.ids().size() > 1 ? channels.ids() : Set.of());
    try {
      model.addAttribute("run", ReconciliationView.of(reconciler.latest(of, null, day)));
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
  public String reconcile(
      @RequestParam String date,
      @RequestParam(required = false) String channel,
      RedirectAttributes redirect) {
    LocalDate day = day(date);
    String of = channel(channel);
    try {
      reconciler.reconcile(of, null, day);
      redirect.addFlashAttribute("notice", "已对账 Reconciled " + of + " " + day);
    } catch (PayGateException refused) {
      redirect.addFlashAttribute("errorMessage", refused.getMessage());
    }
    redirect.addAttribute("date", day.toString());
    redirect.addAttribute("channel", of);
    return "redirect:/reconciliations";
  }

  /** The channel asked for, or the default one; another is a named 400. */
  private String channel(String channel) {
    String named = ListParameters.channel(channels, channel);
    return named == null ? channels.defaultId() : named;
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
