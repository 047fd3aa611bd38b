package io.paygate.server.pages;

import io.paygate.core.support.PayGateException;
import io.paygate.server.api.Problems;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;

/** Shared bits of the pages: a refusal shown to a person, never as JSON or a stack trace. */
public final class Pages {

  private Pages() {}

  public static ModelAndView problem(Model model, PayGateException refusal) {
    ModelAndView view =
        new ModelAndView("problem", model.asMap(), Problems.statusFor(refusal.code().kind()));
    view.addObject("message", refusal.getMessage());
    view.addObject("code", refusal.code().name());
    view.addObject("alipaySubCode", refusal.channelCode());
    return view;
  }
}
