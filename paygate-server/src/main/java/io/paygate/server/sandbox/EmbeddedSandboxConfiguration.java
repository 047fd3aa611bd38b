package io.paygate.server.sandbox;

import io.paygate.sandbox.SandboxConfiguration;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Brings the sandbox into this process under {@code /sandbox} when it runs embedded. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedSandboxCondition.class)
@Import(SandboxConfiguration.class)
public class EmbeddedSandboxConfiguration {

  @Bean
  EmbeddedSandboxApp embeddedSandboxApp(SandboxApps apps, WxMerchants merchants) {
    return new EmbeddedSandboxApp(apps, merchants);
  }
}
