package io.paygate.sandbox.wechatpay.gateway;

import io.paygate.sandbox.wechatpay.wire.WxError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** WeChat Pay's error answers for the offline WeChat Pay's {@code /v3/…} routes. */
@RestControllerAdvice(basePackages = "io.paygate.sandbox.wechatpay")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WxErrorAdvice {

  @ExceptionHandler(WxError.class)
  ResponseEntity<byte[]> error(WxError error) {
    return WxGateway.error(error);
  }
}
