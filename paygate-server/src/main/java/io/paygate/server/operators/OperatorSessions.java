package io.paygate.server.operators;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Where the console's logins are kept between requests: Spring Security's own session store, with
 * one check when a request's login is first looked at. The login carries the operator's session
 * stamp as it was at login; when the row's has moved on (a new role, a lock), or the row is gone or
 * made anew, the session is ended there and then and the request goes on as nobody's, so the pages
 * send it to {@code /login}. The row is read on every such request, so a change made on one
 * instance holds on all of them at once: a demoted operator never makes one more request with the
 * old role.
 */
@Component
public class OperatorSessions implements SecurityContextRepository {

  private static final Logger log = LoggerFactory.getLogger(OperatorSessions.class);

  /** What Spring Security keeps form logins in by default. */
  private final SecurityContextRepository store =
      new DelegatingSecurityContextRepository(
          new RequestAttributeSecurityContextRepository(),
          new HttpSessionSecurityContextRepository());

  private final OperatorAccounts accounts;

  public OperatorSessions(OperatorAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    DeferredSecurityContext stored = store.loadDeferredContext(request);
    return new DeferredSecurityContext() {
      private SecurityContext checked;
      private boolean ended;

      @Override
      public SecurityContext get() {
        if (checked == null) {
          Optional<SecurityContext> current = current(stored.get(), request);
          ended = current.isEmpty();
          checked = current.orElseGet(SecurityContextHolder::createEmptyContext);
        }
        return checked;
      }

      @Override
      public boolean isGenerated() {
        get();
        return ended || stored.isGenerated();
      }
    };
  }

  @Override
  @Deprecated
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return loadDeferredContext(holder.getRequest()).get();
  }

  @Override
  public void saveContext(
      SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    store.saveContext(context, request, response);
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return store.containsContext(request);
  }

  /** The stored login if it still holds; empty, with the session ended, if it does not. */
  private Optional<SecurityContext> current(SecurityContext context, HttpServletRequest request) {
    Authentication login = context.getAuthentication();
    if (login == null || !(login.getPrincipal() instanceof SignedInOperator operator)) {
      return Optional.of(context);
    }
    if (accounts.sessionStamp(operator.getUsername()).equals(Optional.of(operator.stamp()))) {
      return Optional.of(context);
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    request.removeAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
    log.info(
        "Console: a session of operator '{}' ended (removed, role changed or locked since login)",
        operator.getUsername());
    return Optional.empty();
  }
}
