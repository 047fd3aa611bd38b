package io.paygate.server.payments;

import io.paygate.core.channel.Channels;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import io.paygate.server.api.ListParameters;
import io.paygate.server.pages.PageController;
import io.paygate.server.pages.PagesProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code GET /payments}: an operator's search of the payments, a page at a time. */
@PageController
public class PaymentSearchController {

  private final JdbcPaymentRepository repository;
  private final Channels channels;
  private final PagesProperties pages;

  public PaymentSearchController(
      JdbcPaymentRepository repository, Channels channels, PagesProperties pages) {
    this.repository = repository;
    this.channels = channels;
    this.pages = pages;
  }

  @GetMapping("/payments")
  public String search(
      @ModelAttribute("search") PaymentSearch search,
      BindingResult result,
      HttpServletRequest request,
      Model model) {
    if (result.hasErrors()) {
      // A status or date that does not parse is the person's typing, shown as a 400 problem page.
      FieldError error = result.getFieldErrors().get(0);
      throw PayGateException.invalid(
          error.getField(),
          "不是有效的值 Not a valid " + error.getField() + ": " + error.getRejectedValue());
    }
    ListParameters.channel(channels, search.channel());
    // The channel column and choice only where there is a choice: one channel's shop sees none.
    model.addAttribute("channels", channels.ids().size() > 1 ? channels.ids() : Set.of());
    List<Payment> found = repository.search(search, pages.zone(), PaymentSearch.PAGE_SIZE + 1);
    boolean more = found.size() > PaymentSearch.PAGE_SIZE;
    List<Payment> page = more ? found.subList(0, PaymentSearch.PAGE_SIZE) : found;
    model.addAttribute("found", page);
    model.addAttribute(
        "nextPage",
        more
            ? UriComponentsBuilder.fromPath("/payments")
                .query(request.getQueryString())
                .replaceQueryParam("after", page.get(page.size() - 1).outTradeNo())
                .build()
                .toUriString()
            : null);
    return "payments/search";
  }
}
