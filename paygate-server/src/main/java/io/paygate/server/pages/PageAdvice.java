package io.paygate.server.pages;

import io.paygate.core.errors.PayGateException;
import io.paygate.server.api.Problems;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page needs, in one place: the header's model, and a refusal shown to a person as the
 * problem page with the refusal's status, never as JSON or a stack trace.
 */
@ControllerAdvice(annotations = PageController.class)
public class PageAdvice {

  private final OperatorTools operatorTools;
  private final PageTimes times;

  public PageAdvice(OperatorTools operatorTools, PagesProperties properties) {
    this.operatorTools = operatorTools;
    this.times = new PageTimes(properties);
  }

  @ModelAttribute("times")
  PageTimes times() {
    return times;
  }

  @ModelAttribute("operatorTools")
  boolean operatorTools() {
    return operatorTools.enabled();
  }

  @ExceptionHandler(PayGateException.class)
  ModelAndView refused(PayGateException refusal) {
    ModelAndView view = new ModelAndView("problem", Problems.statusFor(refusal.code().kind()));
    // An exception handler's model does not get the @ModelAttribute values: the header needs them.
    view.addObject("times", times);
    view.addObject("operatorTools", operatorTools.enabled());
    view.addObject("message", refusal.getMessage());
    view.addObject("code", refusal.code().name());
    view.addObject("alipaySubCode", refusal.channelCode());
    return view;
  }
}
