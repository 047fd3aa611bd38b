package io.paygate.server.pages;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pages for people.
 *
 * @param operatorTools whether the refund and close forms are on; unset means on only with the
 *     embedded sandbox, since there is no operator login yet
 * @param zone the time zone times are shown in
 */
@ConfigurationProperties("paygate.pages")
public record PagesProperties(Boolean operatorTools, @DefaultValue("Asia/Shanghai") ZoneId zone) {}
