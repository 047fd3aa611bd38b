package io.paygate.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Decides an {@code /api} request in the security filter chain by the handler the router will run:
 * the request is matched by Spring MVC's own {@link HandlerMapping} and the {@code @PreAuthorize}
 * declared on that handler method ({@link ReadScope}, {@link WriteScope}, {@link AdminScope}) is
 * evaluated, never the request's text. Deciding here, before any servlet filter behind the chain
 * (the idempotency keys), means a refused request leaves nothing behind; method security checks the
 * same declaration again when the handler runs. A handler with no declaration is refused.
 */
public final class RouteAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

  /** A refusal that names the scope the matched route declares, for the 403's detail. */
  public static final class ScopeRequired extends AuthorizationDecision {

    private final String scope;

    ScopeRequired(String scope) {
      super(false);
      this.scope = scope;
    }

    /** {@code read}, {@code write} or {@code admin}; null for a route that declares none. */
    public String scope() {
      return scope;
    }
  }

  /**
   * A caller who may call the API asked for a path and method no route takes: answered 404 here, so
   * that nothing behind the chain runs for it either.
   */
  public static final class NoRoute extends AuthorizationDecision {

    NoRoute() {
      super(false);
    }
  }

  private final ObjectProvider<HandlerMapping> routes;
  private final PreAuthorizeAuthorizationManager declared = new PreAuthorizeAuthorizationManager();

  /**
   * @param routes the MVC handler mapping of the {@code @ApiController}s, looked up on first use
   *     (it is made after the security chains)
   */
  public RouteAuthorization(ObjectProvider<HandlerMapping> routes) {
    this.routes = routes;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    HandlerMethod route = matched(context.getRequest());
    if (route == null) {
      return new ScopeRequired(null);
    }
    AuthorizationResult result =
        declared.authorize(
            authentication, new SimpleMethodInvocation(route.getBean(), route.getMethod()));
    if (result == null) {
      return new ScopeRequired(null);
    }
    if (!result.isGranted()) {
      return new ScopeRequired(scopeOf(route.getMethod()));
    }
    return route.getBeanType() == ApiFallbackController.class ? new NoRoute() : result;
  }

  /** The scope a handler method declares, by its annotation; null when it declares none. */
  public static String scopeOf(Method handler) {
    if (AnnotatedElementUtils.hasAnnotation(handler, AdminScope.class)) {
      return "admin";
    }
    if (AnnotatedElementUtils.hasAnnotation(handler, WriteScope.class)) {
      return "write";
    }
    if (AnnotatedElementUtils.hasAnnotation(handler, ReadScope.class)) {
      return "read";
    }
    return null;
  }

  /**
   * The handler method Spring MVC will run for this request, found by the same mapping the
   * dispatcher uses; the lookup's request attributes are kept apart, so the dispatcher's own lookup
   * starts clean.
   */
  private HandlerMethod matched(HttpServletRequest request) {
    HttpServletRequest probe = new OwnAttributes(request);
    try {
      ServletRequestPathUtils.parseAndCache(probe);
      HandlerExecutionChain chain = routes.getObject().getHandler(probe);
      return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
    } catch (Exception unmatched) {
      // No handler can be told (a malformed request): nothing is allowed.
      return null;
    }
  }

  /** Reads the request's attributes; writes its own. */
  private static final class OwnAttributes extends HttpServletRequestWrapper {

    private final Map<String, Object> written = new HashMap<>();
    private final Set<String> removed = new HashSet<>();

    OwnAttributes(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Object getAttribute(String name) {
      if (written.containsKey(name)) {
        return written.get(name);
      }
      return removed.contains(name) ? null : super.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
      names.removeAll(removed);
      names.addAll(written.keySet());
      return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
      if (value == null) {
        removeAttribute(name);
        return;
      }
      written.put(name, value);
      removed.remove(name);
    }

    @Override
    public void removeAttribute(String name) {
      written.remove(name);
      removed.add(name);
    }
  }
}
