package io.paygate.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProductTest {

  @Test
  void eachProductDeclaresWhatTheChecksAsk() {
    assertThat(Arrays.stream(Product.values()).filter(Product::hasCashierPage))
        .containsExactly(Product.PAGE, Product.WAP);
    assertThat(Arrays.stream(Product.values()).filter(Product::cancellable))
        .containsExactly(Product.QR, Product.BARCODE);
    assertThat(Arrays.stream(Product.values()).filter(Product::faceToFace))
        .containsExactly(Product.QR, Product.BARCODE);
    assertThat(Arrays.stream(Product.values()).filter(Product::showsQrCode))
        .containsExactly(Product.QR);
    assertThat(Arrays.stream(Product.values()).filter(Product::chargesPaymentCode))
        .containsExactly(Product.BARCODE);
  }

  @Test
  void aCashierPageAndAFaceToFaceCounterNeverMeet() {
    for (Product product : Product.values()) {
      assertThat(product.hasCashierPage() && product.faceToFace()).as(product.name()).isFalse();
    }
  }
}
