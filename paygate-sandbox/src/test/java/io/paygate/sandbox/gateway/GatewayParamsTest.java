package io.paygate.sandbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayParamsTest {

  private static final Charset GBK = Charset.forName("GBK");

  @Test
  void percentBytesAreDecodedWithTheGivenCharset() {
    assertThat(GatewayParams.decode("%E6%B5%8B%E8%AF%95+a", StandardCharsets.UTF_8))
        .isEqualTo("测试 a");
    assertThat(GatewayParams.decode("%B2%E2%CA%D4", GBK)).isEqualTo("测试");
  }

  @Test
  void aStrayPercentIsItself() {
    assertThat(GatewayParams.decode("100%", StandardCharsets.UTF_8)).isEqualTo("100%");
    assertThat(GatewayParams.decode("%zz%4", StandardCharsets.UTF_8)).isEqualTo("%zz%4");
  }

  @Test
  void rawBytesAreBytesOfTheCharset() {
    String raw = new String("测试".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(GatewayParams.decode(raw, StandardCharsets.UTF_8)).isEqualTo("测试");
  }
}
