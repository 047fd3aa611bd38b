package io.paygate.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paygate.server.ServerTestSupport;
import java.security.KeyFactory;
import java.security.Security;
import java.security.Signature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A server started as every other: ACCP signs, the health and the start-up line say so. */
@Isolated("reads the JVM's provider list and the captured console")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CryptoHealthTest extends ServerTestSupport {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "crypto-health");
  }

  @BeforeEach
  void accpLoadsHere() {
    assumeTrue(
        JcaProviders.accpLoads(),
        () ->
            "ACCP did not load: "
                + com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE
                    .getLoadingError());
  }

  @Test
  void accpIsThePreferredProviderOnceTheServerRuns() throws Exception {
    assertThat(Security.getProviders()[0].getName()).isEqualTo(SigningProvider.ACCP);
    assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName())
        .isEqualTo(SigningProvider.ACCP);
    assertThat(KeyFactory.getInstance("RSA").getProvider().getName())
        .isEqualTo(SigningProvider.ACCP);
  }

  @Test
  void aWholePaymentIsSignedAndVerifiedWithAccpPreferred() {
    // Requests signed by the channel, answers and the notify signed by the sandbox, all checked.
    String outTradeNo = paidPayment("6.00");

    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  void theHealthNamesTheProviderToAnAdmin() {
    JsonNode crypto = adminHealth().get("components").get("crypto");

    assertThat(crypto.get("status").asString()).isEqualTo("UP");
    JsonNode details = crypto.get("details");
    assertThat(details.get("algorithm").asString()).isEqualTo("SHA256withRSA");
    assertThat(details.get("provider").asString()).isEqualTo(SigningProvider.ACCP);
    assertThat(details.get("version").asString()).isEqualTo("2.4.1");
    assertThat(details.get("native").asBoolean()).isTrue();
    assertThat(details.has("reason")).isFalse();
    assertThat(details.propertyNames())
        .containsExactly("algorithm", "provider", "version", "native");
  }

  @Test
  void anonymousProbesSeeNoDetails() {
    Reply health = get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).doesNotContain(SigningProvider.ACCP);
  }

  @Test
  void oneStartUpLineSaysWhoSigns(CapturedOutput output) {
    assertThat(output.getOut())
        .containsPattern(
            "INFO .*PreferredProvider *: SHA256withRSA is signed by AmazonCorrettoCryptoProvider"
                + " 2\\.4\\.1 \\(native, preferred provider\\)");
  }

  private JsonNode adminHealth() {
    Reply reply = actuator("/actuator/health", "admin", ADMIN_PASSWORD);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
