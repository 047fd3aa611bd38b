package io.paygate.server.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The route needs an API key of scope {@code read} or broader (it reads: payments, refunds,
 * reconciliations and events). Checked by Spring Security on the handler the router matched ({@link
 * RouteAuthorization}) and again by method security.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasAuthority('SCOPE_read')")
public @interface ReadScope {}
