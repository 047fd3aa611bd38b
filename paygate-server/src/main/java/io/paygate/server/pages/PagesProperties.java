package io.paygate.server.pages;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pages for people.
 *
 * @param zone the time zone times are shown in
 */
@ConfigurationProperties("paygate.pages")
public record PagesProperties(@DefaultValue("Asia/Shanghai") ZoneId zone) {}
