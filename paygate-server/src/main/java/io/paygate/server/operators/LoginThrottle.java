package io.paygate.server.operators;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts wrong passwords per account from Spring Security's own events: after {@code
 * paygate.console.max-failed-logins} in a row the account is locked for {@code
 * paygate.console.lockout}, and Spring Security refuses it before looking at the password.
 */
@Component
public class LoginThrottle {

  private final OperatorAccounts accounts;

  public LoginThrottle(OperatorAccounts accounts) {
    this.accounts = accounts;
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    accounts.failedLogin(event.getAuthentication().getName());
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    accounts.succeededLogin(event.getAuthentication().getName());
  }
}
