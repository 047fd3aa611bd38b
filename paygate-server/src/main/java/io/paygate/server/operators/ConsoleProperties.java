package io.paygate.server.operators;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator console's logins.
 *
 * @param adminPassword the first admin's password ({@code PAYGATE_CONSOLE_ADMIN_PASSWORD}), used
 *     only while no admin exists; unset, a password is made and written to {@code
 *     <paygate.data-dir>/first-admin-password}, readable by the service's user only
 * @param maxFailedLogins wrong passwords in a row before an account is locked for a while
 * @param lockout how long such an account stays locked
 */
@ConfigurationProperties("paygate.console")
public record ConsoleProperties(
    String adminPassword,
    @DefaultValue("5") int maxFailedLogins,
    @DefaultValue("PT15M") Duration lockout) {}
