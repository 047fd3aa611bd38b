package io.paygate.server.pages;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs to know. */
@ControllerAdvice(basePackageClasses = PageModel.class)
public class PageModel {

  private final OperatorTools operatorTools;

  public PageModel(OperatorTools operatorTools) {
    this.operatorTools = operatorTools;
  }

  @ModelAttribute("operatorTools")
  boolean operatorTools() {
    return operatorTools.enabled();
  }
}
