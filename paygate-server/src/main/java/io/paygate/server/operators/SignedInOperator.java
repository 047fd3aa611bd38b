package io.paygate.server.operators;

import io.paygate.server.access.Role;
import java.io.Serial;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/**
 * An operator as Spring Security authenticates them, with the row's session stamp read in the same
 * query as the password and role: the session keeps it, and {@link OperatorSessions} ends the
 * session once the row's stamp is another (or the row is gone).
 */
final class SignedInOperator extends User {

  @Serial private static final long serialVersionUID = 1L;

  private final SessionStamp stamp;

  SignedInOperator(
      String username, String passwordHash, Role role, boolean locked, SessionStamp stamp) {
    super(
        username,
        passwordHash,
        true,
        true,
        true,
        !locked,
        AuthorityUtils.createAuthorityList(role.authority()));
    this.stamp = stamp;
  }

  SessionStamp stamp() {
    return stamp;
  }
}
