package io.paygate.server.access;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /login}: the console's login form. Spring Security itself takes the {@code POST
 * /login} (fields {@code username}, {@code password}, {@code _csrf}).
 */
@Controller
public class LoginController {

  @GetMapping("/login")
  public String login(HttpSession session, Model model) {
    Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    model.addAttribute("locked", failure instanceof LockedException);
    return "access/login";
  }
}
