package io.paygate.server.pages;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs to know. */
@ControllerAdvice(annotations = PageController.class)
public class PageModel {

  private final OperatorTools operatorTools;
  private final PageTimes times;

  public PageModel(OperatorTools operatorTools, PagesProperties properties) {
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
}
