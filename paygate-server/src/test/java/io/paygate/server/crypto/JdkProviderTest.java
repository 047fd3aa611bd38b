package io.paygate.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ServerTestSupport;
import java.security.Security;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code paygate.crypto.native=false}: the JDK's providers sign, even in a JVM where an earlier
 * server installed ACCP. Set as a property the environment has from the start (a {@code
 * DynamicPropertySource} comes too late for the choice).
 */
@Isolated("takes ACCP out of the JVM's provider list; reads the captured console")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = "paygate.crypto.native=false")
@ExtendWith(OutputCaptureExtension.class)
class JdkProviderTest extends ServerTestSupport {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "crypto-jdk");
  }

  @Test
  void theJdksProviderSigns() throws Exception {
    assertThat(Security.getProvider(SigningProvider.ACCP)).isNull();
    assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName())
        .isEqualTo("SunRsaSign");
    assertThat(payment(paidPayment("7.00")).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  void theHealthIsUpAndSaysWhy() {
    Reply reply = actuator("/actuator/health", "admin", ADMIN_PASSWORD);

    JsonNode crypto = reply.json().get("components").get("crypto");
    assertThat(crypto.get("status").asString()).isEqualTo("UP");
    assertThat(crypto.get("details").get("provider").asString()).isEqualTo("SunRsaSign");
    assertThat(crypto.get("details").get("version").asString())
        .isEqualTo(System.getProperty("java.specification.version"));
    assertThat(crypto.get("details").get("native").asBoolean()).isFalse();
    assertThat(crypto.get("details").get("reason").asString())
        .isEqualTo("off by paygate.crypto.native=false");
  }

  @Test
  void theStartUpLineSaysWhy(CapturedOutput output) {
    assertThat(output.getOut())
        .containsPattern(
            "INFO .*PreferredProvider *: SHA256withRSA is signed by the JDK's SunRsaSign \\S+;"
                + " AmazonCorrettoCryptoProvider not used: off by paygate.crypto.native=false");
  }
}
