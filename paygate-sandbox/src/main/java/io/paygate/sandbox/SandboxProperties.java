package io.paygate.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code paygate.sandbox}. All optional.
 *
 * @param dataDir where the file database lives; default {@code ${paygate.data-dir:./data}/sandbox}
 * @param databaseUrl full JDBC URL overriding {@code dataDir} (tests use {@code jdbc:h2:mem:...})
 * @param publicUrl base URL people and merchants reach the sandbox at; default: from the request
 * @param refundablePeriod how long a paid trade stays refundable before TRADE_FINISHED
 * @param notifyConnectTimeout connect timeout of one notify attempt
 * @param notifyReadTimeout read timeout of one notify attempt
 * @param backgroundInterval real-time period of the due-work scheduler; zero disables it
 */
@ConfigurationProperties("paygate.sandbox")
public record SandboxProperties(
    String dataDir,
    String databaseUrl,
    String publicUrl,
    @DefaultValue("90d") Duration refundablePeriod,
    @DefaultValue("2s") Duration notifyConnectTimeout,
    @DefaultValue("5s") Duration notifyReadTimeout,
    @DefaultValue("5s") Duration backgroundInterval) {}
