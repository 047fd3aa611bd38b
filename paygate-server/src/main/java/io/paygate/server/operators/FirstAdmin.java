package io.paygate.server.operators;

import io.paygate.server.access.Role;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Makes the first admin, user name {@code admin}, when there is none: with {@code
 * paygate.console.admin-password}, or with a one-time password printed once on the console (never
 * in the log file) and kept only hashed. Two instances starting on an empty database make it once:
 * only the one whose insert took prints its password.
 */
@Component
public class FirstAdmin implements InitializingBean {

  static final String USERNAME = "admin";
  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private final OperatorAccounts accounts;
  private final ConsoleProperties console;

  public FirstAdmin(OperatorAccounts accounts, ConsoleProperties console) {
    this.accounts = accounts;
    this.console = console;
  }

  @Override
  public void afterPropertiesSet() {
    if (accounts.exists(USERNAME)) {
      return;
    }
    boolean configured = console.adminPassword() != null && !console.adminPassword().isBlank();
    String password = configured ? console.adminPassword() : oneTimePassword();
    if (!accounts.create(USERNAME, password, Role.ADMIN)) {
      return; // another instance made it first
    }
    if (configured) {
      log.info("Console: operator '{}' made with paygate.console.admin-password", USERNAME);
    } else {
      log.info("Console: operator '{}' made; its one-time password is on the console", USERNAME);
      // The console only: the log file and log shippers never see it.
      System.out.println(
          "\n  PayGate console: log in at /login as '"
              + USERNAME
              + "' with the one-time password "
              + password
              + "\n  (shown only now; set paygate.console.admin-password to choose it).\n");
    }
  }

  private static String oneTimePassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return password.toString();
  }
}
