package io.paygate.sandbox.wire;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code application/x-www-form-urlencoded} text of parameters, in their order. */
public final class FormEncoding {

  private FormEncoding() {}

  public static String encode(Map<String, String> params, Charset charset) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), charset)
                    + "="
                    + URLEncoder.encode(e.getValue(), charset))
        .collect(Collectors.joining("&"));
  }
}
