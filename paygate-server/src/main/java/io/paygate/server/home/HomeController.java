package io.paygate.server.home;

import io.paygate.server.pages.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: the seed's index with its four forms (pay, query, refund, close). */
@PageController
public class HomeController {

  private final HomePage page;

  public HomeController(HomePage page) {
    this.page = page;
  }

  @GetMapping("/")
  public String index(Model model) {
    return page.render(model, PaymentForm.blank());
  }
}
