package io.paygate.server.access;

import io.paygate.server.api.FilterProblems;
import io.paygate.server.sandbox.EmbeddedSandboxCondition;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what, as four filter chains tried in order:
 *
 * <ol>
 *   <li>{@code /api/**} ({@code apikeys.ApiSecurityConfiguration}): no session, no CSRF (no cookies
 *       are read); a bearer API key, and the scope each route declares;
 *   <li>the actuator: health for anyone (probes), everything else for an ADMIN, by form login or
 *       HTTP Basic (a Prometheus scraper);
 *   <li>{@code /sandbox/**}, only while the sandbox runs embedded: it stands in for Alipay, which
 *       has no login of ours;
 *   <li>every other page needs a login, except the buyer's own ({@code /pay/{no}}, the cashier
 *       {@code /checkout/{no}}, the return page), Alipay's callback and static assets.
 * </ol>
 *
 * Pages carry CSRF tokens on every form, a session id only in a cookie, a new session at login, and
 * headers that forbid framing and inline script.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

  /** No inline script or style anywhere; the pages' own files only. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Every chain's firewall: Spring Security's strict one, and nothing but canonical paths. */
  @Bean
  WebSecurityCustomizer canonicalPaths(JsonMapper json) {
    CanonicalPaths firewall = new CanonicalPaths(new FilterProblems(json));
    return web -> web.httpFirewall(firewall).requestRejectedHandler(firewall);
  }

  @Bean
  static RoleHierarchy roleHierarchy() {
    return Role.hierarchy();
  }

  @Bean
  @Order(2)
  SecurityFilterChain actuator(HttpSecurity http, SecurityContextRepository operatorSessions)
      throws Exception {
    return http.securityMatcher(EndpointRequest.toAnyEndpoint())
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(EndpointRequest.to("health"))
                    .permitAll()
                    .anyRequest()
                    .hasRole(Role.ADMIN.name()))
        .httpBasic(Customizer.withDefaults())
        // The pages' sessions reach here too: checked the same way.
        .securityContext(context -> context.securityContextRepository(operatorSessions))
        .formLogin(login -> login.loginPage("/login"))
        .headers(AccessConfiguration::headers)
        .build();
  }

  @Bean
  @Order(3)
  @Conditional(EmbeddedSandboxCondition.class)
  SecurityFilterChain sandbox(HttpSecurity http) throws Exception {
    // Alipay's gateway and cashier take cross-site form posts and SDK calls without our tokens.
    return http.securityMatcher("/sandbox/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .headers(AccessConfiguration::headers)
        .build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain pages(HttpSecurity http, SecurityContextRepository operatorSessions)
      throws Exception {
    String operator = Role.OPERATOR.name();
    return http.authorizeHttpRequests(
            requests ->
                requests
                    // The buyer's pages and Alipay's callbacks: no login of ours can exist there.
                    .requestMatchers(
                        "/pay/*",
                        "/pay/*/status",
                        "/checkout/*",
                        "/checkout/*/*",
                        "/alipay/return",
                        "/alipay/notify",
                        "/channels/*/notify",
                        "/error",
                        "/login")
                    .permitAll()
                    .requestMatchers("/paygate*.css", "/js/**", "/webjars/**", "/favicon.ico")
                    .permitAll()
                    // The API's description is public, as the API's routes are; it holds no data.
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                    .permitAll()
                    .requestMatchers("/swagger-ui.html", "/swagger-ui/**")
                    .permitAll()
                    .requestMatchers(
                        "/operators",
                        "/operators/**",
                        "/api-keys",
                        "/api-keys/**",
                        "/webhooks/endpoints",
                        "/webhooks/endpoints/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers(HttpMethod.POST, "/webhooks/**", "/reconciliations")
                    .hasRole(operator)
                    // Everything that moves money or asks Alipay is an operator's.
                    .requestMatchers(HttpMethod.POST, "/pages/pay", "/pages/refund", "/pages/close")
                    .hasRole(operator)
                    .requestMatchers(HttpMethod.POST, "/payments/*/refunds", "/payments/*/close")
                    .hasRole(operator)
                    .requestMatchers(HttpMethod.POST, "/payments/*/sync")
                    .hasRole(operator)
                    // The index's query form asks Alipay (the merchant's quota) and writes.
                    .requestMatchers("/pages/query")
                    .hasRole(operator)
                    .anyRequest()
                    .hasRole(Role.VIEWER.name()))
        // Providers post their notifications with no token of ours; their signature is their proof.
        .csrf(csrf -> csrf.ignoringRequestMatchers("/alipay/notify", "/channels/*/notify"))
        // Sessions end when their operator is removed, re-roled or locked (OperatorSessions).
        .securityContext(context -> context.securityContextRepository(operatorSessions))
        .formLogin(login -> login.loginPage("/login").permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .headers(AccessConfiguration::headers)
        .build();
  }

  /** The headers every chain sends. */
  public static void headers(HeadersConfigurer<HttpSecurity> headers) {
    headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .frameOptions(frame -> frame.deny())
        .referrerPolicy(
            referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    // HSTS stays Spring Security's default: sent only on requests that came over https.
  }
}
