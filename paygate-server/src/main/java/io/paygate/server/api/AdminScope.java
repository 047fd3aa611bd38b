package io.paygate.server.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The route needs an API key of scope {@code admin} or broader (it administers: API keys, webhook
 * endpoints and their secrets, event redelivery). Checked by Spring Security on the handler the
 * router matched ({@link RouteAuthorization}) and again by method security.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasAuthority('SCOPE_admin')")
public @interface AdminScope {}
