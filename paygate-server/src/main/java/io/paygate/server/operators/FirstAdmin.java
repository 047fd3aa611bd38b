package io.paygate.server.operators;

import io.paygate.server.PayGateProperties;
import io.paygate.server.keys.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Makes the first admin, user name {@code admin}, only while no admin exists at all: any operator
 * with the ADMIN role, whatever the name, locked or not, means the console has its way in, so an
 * {@code admin} that was removed stays removed across restarts. The password is {@code
 * paygate.console.admin-password}, or one made here and written to {@code
 * <paygate.data-dir>/first-admin-password}, readable by the service's user only; the log names the
 * file, never the password, and the database keeps only its hash. Two instances starting on an
 * empty database make it once: only the one whose insert took writes its password.
 */
@Component
public class FirstAdmin implements InitializingBean {

  static final String USERNAME = "admin";
  static final String PASSWORD_FILE = "first-admin-password";
  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private final OperatorAccounts accounts;
  private final ConsoleProperties console;
  private final Path dataDir;

  public FirstAdmin(
      OperatorAccounts accounts, ConsoleProperties console, PayGateProperties paygate) {
    this.accounts = accounts;
    this.console = console;
    this.dataDir = paygate.dataDir();
  }

  @Override
  public void afterPropertiesSet() {
    if (accounts.admins() > 0) {
      return;
    }
    boolean configured = console.adminPassword() != null && !console.adminPassword().isBlank();
    String password = configured ? console.adminPassword() : oneTimePassword();
    if (!accounts.createFirstAdmin(USERNAME, password)) {
      if (accounts.admins() == 0) {
        log.warn(
            "Console: no operator is an admin, and the name '{}' is taken by one who is not:"
                + " no first admin was made; give an operator the ADMIN role in the database",
            USERNAME);
      }
      return; // otherwise another instance made it first
    }
    if (configured) {
      log.info("Console: operator '{}' made with paygate.console.admin-password", USERNAME);
      return;
    }
    Path file = dataDir.resolve(PASSWORD_FILE).toAbsolutePath();
    try {
      SecretFile.replace(file, password + "\n");
    } catch (IOException e) {
      // An admin nobody can log in as would keep the next start from making one.
      accounts.removeFirstAdmin(USERNAME);
      throw new UncheckedIOException("cannot write the first admin's password to " + file, e);
    }
    log.info(
        "Console: operator '{}' made; its password is in {} (readable by this user only):"
            + " log in at /login, add your own accounts, then delete the file",
        USERNAME,
        file);
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
