package io.paygate.server.pages;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pages for people.
 *
 * @param operatorTools whether the refund and close forms are on; unset means on only with the
 *     embedded sandbox, since there is no operator login yet
 */
@ConfigurationProperties("paygate.pages")
public record PagesProperties(Boolean operatorTools) {}
