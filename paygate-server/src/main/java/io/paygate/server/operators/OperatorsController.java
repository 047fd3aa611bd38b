package io.paygate.server.operators;

import io.paygate.server.access.Role;
import io.paygate.server.pages.FormError;
import io.paygate.server.pages.PageController;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /operators}: an admin lists, adds, re-roles and removes the console's operators. */
@PageController
public class OperatorsController {

  private final OperatorAccounts accounts;

  public OperatorsController(OperatorAccounts accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/operators")
  public String list(Model model) {
    return render(model, OperatorForm.blank());
  }

  @PostMapping("/operators")
  public ModelAndView create(
      @Valid @ModelAttribute("form") OperatorForm form,
      BindingResult result,
      Model model,
      RedirectAttributes redirect) {
    Optional<FormError> error = FormError.first(result, OperatorForm.FIELDS);
    if (error.isEmpty() && !accounts.create(form.username(), form.password(), form.role())) {
      error = Optional.of(new FormError("username", "用户名已存在 That user name is taken"));
    }
    if (error.isPresent()) {
      error.get().addTo(model);
      return new ModelAndView(render(model, form), model.asMap(), HttpStatus.BAD_REQUEST);
    }
    redirect.addFlashAttribute("notice", "已添加 Added " + form.username());
    return new ModelAndView("redirect:/operators");
  }

  @PostMapping("/operators/{username}/role")
  public String changeRole(
      @PathVariable String username,
      @RequestParam Role role,
      Principal me,
      RedirectAttributes redirect) {
    Optional<String> refusal = refusal(username, me, role != Role.ADMIN);
    if (refusal.isPresent()) {
      redirect.addFlashAttribute("errorMessage", refusal.get());
    } else {
      accounts.changeRole(username, role);
      redirect.addFlashAttribute("notice", "已更改 Changed " + username + ": " + role.label());
    }
    return "redirect:/operators";
  }

  @PostMapping("/operators/{username}/delete")
  public String delete(@PathVariable String username, Principal me, RedirectAttributes redirect) {
    Optional<String> refusal = refusal(username, me, true);
    if (refusal.isPresent()) {
      redirect.addFlashAttribute("errorMessage", refusal.get());
    } else {
      accounts.delete(username);
      redirect.addFlashAttribute("notice", "已删除 Removed " + username);
    }
    return "redirect:/operators";
  }

  /** Why a change may not be made: an unknown name, one's own account, or the last admin. */
  private Optional<String> refusal(String username, Principal me, boolean dropsAdmin) {
    Optional<Operator> operator = accounts.find(username);
    if (operator.isEmpty()) {
      return Optional.of("没有这个操作员 No such operator");
    }
    if (operator.get().username().equals(me.getName())) {
      return Optional.of("不能更改自己的账户 You cannot change your own account");
    }
    if (dropsAdmin && operator.get().role() == Role.ADMIN && accounts.admins() <= 1) {
      return Optional.of("至少要保留一个管理员 At least one admin must remain");
    }
    return Optional.empty();
  }

  private String render(Model model, OperatorForm form) {
    model.addAttribute("form", form);
    model.addAttribute("operators", accounts.list());
    model.addAttribute("roles", Role.values());
    return "operators/operators";
  }
}
