package io.paygate.server.operators;

import io.paygate.server.access.Role;
import java.io.Serial;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/**
 * An operator as Spring Security authenticates them, with the row's session version read in the
 * same query as the password and role: the session keeps it, and {@link OperatorSessions} ends the
 * session once the row's version has moved on.
 */
final class SignedInOperator extends User {

  @Serial private static final long serialVersionUID = 1L;

  private final long sessionVersion;

  SignedInOperator(
      String username, String passwordHash, Role role, boolean locked, long sessionVersion) {
    super(
        username,
        passwordHash,
        true,
        true,
        true,
        !locked,
        AuthorityUtils.createAuthorityList(role.authority()));
    this.sessionVersion = sessionVersion;
  }

  long sessionVersion() {
    return sessionVersion;
  }
}
