package io.paygate.server.operators;

import io.paygate.server.access.Role;
import io.paygate.server.pages.FormError;
import io.paygate.server.pages.PageController;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Supplier;
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
    return change(
        username,
        me,
        redirect,
        () -> accounts.changeRole(username, role),
        "已更改 Changed " + username + ": " + role.label());
  }

  @PostMapping("/operators/{username}/delete")
  public String delete(@PathVariable String username, Principal me, RedirectAttributes redirect) {
    return change(
        username, me, redirect, () -> accounts.delete(username), "已删除 Removed " + username);
  }

  @PostMapping("/operators/{username}/lock")
  public String lock(@PathVariable String username, Principal me, RedirectAttributes redirect) {
    return change(username, me, redirect, () -> accounts.lock(username), "已锁定 Locked " + username);
  }

  @PostMapping("/operators/{username}/unlock")
  public String unlock(@PathVariable String username, Principal me, RedirectAttributes redirect) {
    return change(
        username, me, redirect, () -> accounts.unlock(username), "已解锁 Unlocked " + username);
  }

  /**
   * Makes a change unless it is to one's own account; the accounts refuse, in the change's own
   * transaction, an unknown name and the last admin who can log in.
   */
  private String change(
      String username,
      Principal me,
      RedirectAttributes redirect,
      Supplier<Change> change,
      String notice) {
    if (username.equals(me.getName())) {
      redirect.addFlashAttribute("errorMessage", "不能更改自己的账户 You cannot change your own account");
      return "redirect:/operators";
    }
    switch (change.get()) {
      case DONE -> redirect.addFlashAttribute("notice", notice);
      case NO_SUCH_OPERATOR ->
          redirect.addFlashAttribute("errorMessage", "没有这个操作员 No such operator");
      case LAST_ADMIN ->
          redirect.addFlashAttribute(
              "errorMessage", "至少要保留一个能登录的管理员 At least one admin who can log in must remain");
    }
    return "redirect:/operators";
  }

  private String render(Model model, OperatorForm form) {
    model.addAttribute("form", form);
    model.addAttribute("operators", accounts.list());
    model.addAttribute("roles", Role.values());
    return "operators/operators";
  }
}
