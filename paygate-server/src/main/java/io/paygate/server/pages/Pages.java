package io.paygate.server.pages;

import io.paygate.core.support.PayGateException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;

/** Shared bits of the pages: a refusal shown to a person, never as JSON or a stack trace. */
final class Pages {

  private Pages() {}

  static ModelAndView problem(Model model, PayGateException refusal, HttpStatus status) {
    HttpStatus shown =
        switch (refusal.code().kind()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case INVALID -> HttpStatus.BAD_REQUEST;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
          default -> status;
        };
    ModelAndView view = new ModelAndView("problem", model.asMap(), shown);
    view.addObject("message", refusal.getMessage());
    view.addObject("code", refusal.code().name());
    view.addObject("alipaySubCode", refusal.channelCode());
    return view;
  }
}
