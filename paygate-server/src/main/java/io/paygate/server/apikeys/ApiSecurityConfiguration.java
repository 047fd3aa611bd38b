package io.paygate.server.apikeys;

import io.paygate.server.access.AccessConfiguration;
import io.paygate.server.api.FilterProblems;
import io.paygate.server.api.RouteAuthorization;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /api/**} filter chain, first of the chains in {@link AccessConfiguration}: no session,
 * no CSRF (no cookies are read); a bearer API key is the authentication, and every request is
 * decided by the scope its matched route declares ({@link RouteAuthorization}); method security
 * checks the declarations again on the controllers.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class ApiSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http,
      ApiKeys keys,
      JsonMapper json,
      @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> routes)
      throws Exception {
    ApiKeyProblems problems = new ApiKeyProblems(new FilterProblems(json));
    AuthenticationFilter bearer =
        new AuthenticationFilter(
            new ProviderManager(new ApiKeyAuthenticationProvider(keys)), new BearerKeys());
    // The request goes on as the key's caller: no redirect, no session.
    bearer.setSuccessHandler((request, response, authentication) -> {});
    bearer.setFailureHandler(problems);
    return http.securityMatcher("/api/**")
        .addFilterAt(bearer, BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests -> requests.anyRequest().access(new RouteAuthorization(routes)))
        .exceptionHandling(
            refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .headers(AccessConfiguration::headers)
        .build();
  }
}
