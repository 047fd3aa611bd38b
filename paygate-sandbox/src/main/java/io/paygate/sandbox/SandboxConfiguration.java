package io.paygate.sandbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;

/**
 * Everything the sandbox needs, for a server that embeds it ({@code @Import}) and for {@link
 * SandboxApplication}. Registers no DataSource, JdbcTemplate, transaction manager or Flyway bean,
 * so the host's own database auto-configuration is untouched.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
@ComponentScan(
    basePackages = "io.paygate.sandbox",
    // Fully qualified bean names: a host's "refundRepository" never collides with ours.
    nameGenerator = FullyQualifiedAnnotationBeanNameGenerator.class,
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.ASSIGNABLE_TYPE,
            classes = {SandboxApplication.class, SandboxConfiguration.class}))
public class SandboxConfiguration {}
