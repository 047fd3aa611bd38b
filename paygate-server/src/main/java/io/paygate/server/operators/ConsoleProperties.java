package io.paygate.server.operators;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator console's logins.
 *
 * @param adminPassword the first admin's password ({@code PAYGATE_CONSOLE_ADMIN_PASSWORD}); unset,
 *     a one-time password is made and printed once, at the first start
 * @param maxFailedLogins wrong passwords in a row before an account is locked for a while
 * @param lockout how long such an account stays locked
 */
@ConfigurationProperties("paygate.console")
public record ConsoleProperties(
    String adminPassword,
    @DefaultValue("5") int maxFailedLogins,
    @DefaultValue("PT15M") Duration lockout) {}
