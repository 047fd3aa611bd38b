package io.paygate.server.apikeys;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Puts the API key check in front of {@code /api}. */
@Configuration(proxyBeanMethods = false)
public class ApiKeyConfiguration {

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, JsonMapper json) {
    FilterRegistrationBean<ApiKeyFilter> registration =
        new FilterRegistrationBean<>(new ApiKeyFilter(keys, json));
    registration.addUrlPatterns("/api/*");
    // Before the idempotency filter, which scopes keys to the caller this one names.
    registration.setOrder(0);
    return registration;
  }
}
