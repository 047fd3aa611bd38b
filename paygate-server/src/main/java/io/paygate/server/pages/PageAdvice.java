package io.paygate.server.pages;

import io.paygate.core.errors.PayGateException;
import io.paygate.server.access.Permissions;
import io.paygate.server.api.Problems;
import io.paygate.server.sandbox.SandboxMode;
import org.springframework.core.env.Environment;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.context.SecurityContextHolder;
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

  private final boolean sandboxMode;
  private final RoleHierarchy roles;
  private final PageTimes times;

  public PageAdvice(PagesProperties properties, Environment environment, RoleHierarchy roles) {
    this.sandboxMode = SandboxMode.embedded(environment);
    this.roles = roles;
    this.times = new PageTimes(properties);
  }

  @ModelAttribute("times")
  PageTimes times() {
    return times;
  }

  @ModelAttribute("labels")
  Labels labels() {
    return Labels.INSTANCE;
  }

  @ModelAttribute("sandboxMode")
  boolean sandboxMode() {
    return sandboxMode;
  }

  /** What the person may do, so a page offers only the forms the filter chain will accept. */
  @ModelAttribute("may")
  Permissions may() {
    return Permissions.of(SecurityContextHolder.getContext().getAuthentication(), roles);
  }

  @ExceptionHandler(PayGateException.class)
  ModelAndView refused(PayGateException refusal) {
    ModelAndView view = new ModelAndView("problem", Problems.statusFor(refusal.code().kind()));
    // An exception handler's model does not get the @ModelAttribute values: the header needs them.
    view.addObject("times", times);
    view.addObject("sandboxMode", sandboxMode);
    view.addObject("labels", Labels.INSTANCE);
    view.addObject("may", may());
    view.addObject("message", refusal.getMessage());
    view.addObject("code", refusal.code().name());
    view.addObject("alipaySubCode", refusal.channelCode());
    return view;
  }
}
