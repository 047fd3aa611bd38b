package io.paygate.server.apikeys;

import io.paygate.server.pages.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /api-keys}: an admin makes and revokes the shop's API keys from the console. */
@PageController
public class ApiKeyPagesController {

  private final ApiKeys keys;

  public ApiKeyPagesController(ApiKeys keys) {
    this.keys = keys;
  }

  @GetMapping("/api-keys")
  public String list(Model model) {
    model.addAttribute("keys", keys.list());
    return "apikeys/api-keys";
  }

  /** The new key is shown once, on the page the browser is sent to, and never again. */
  @PostMapping("/api-keys")
  public String create(
      @RequestParam String name, @RequestParam String scope, RedirectAttributes redirect) {
    ApiKeys.MadeKey made = keys.create(name, scope);
    redirect.addFlashAttribute("createdKey", made.key());
    redirect.addFlashAttribute("createdName", made.name());
    return "redirect:/api-keys";
  }

  @PostMapping("/api-keys/{id}/revoke")
  public String revoke(@PathVariable String id, RedirectAttributes redirect) {
    redirect.addFlashAttribute(
        "notice", keys.revoke(id) ? "已吊销 Revoked " + id : "没有这个密钥 No live key " + id);
    return "redirect:/api-keys";
  }
}
