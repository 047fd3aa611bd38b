package io.paygate.server.payments;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The page that carries the channel's auto-submitting cashier form to the buyer's browser, within
 * the pages' Content-Security-Policy: the SDK's inline script and inline style are taken out (the
 * browser would refuse both, and say so in its console), and {@code pay.js} submits the form. With
 * no script the form's own button, no longer hidden, is there to press.
 */
public final class CashierFormPage {

  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script\\b[^>]*>.*?</script>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern INLINE_STYLE =
      Pattern.compile("\\sstyle\\s*=\\s*(\"[^\"]*\"|'[^']*')", Pattern.CASE_INSENSITIVE);

  private final ResourceUrlProvider assets;

  public CashierFormPage(ResourceUrlProvider assets) {
    this.assets = assets;
  }

  public ResponseEntity<String> of(String sdkForm) {
    String form =
        INLINE_STYLE.matcher(INLINE_SCRIPT.matcher(sdkForm).replaceAll("")).replaceAll("");
    String page =
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>正在前往支付宝 Redirecting to Alipay</title>"
            + "<link rel=\"stylesheet\" href=\""
            + asset("/paygate.css")
            + "\"></head><body><main class=\"narrow\">"
            + form
            + "</main><script src=\""
            + asset("/js/pay.js")
            + "\"></script></body></html>";
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store")
        .body(page);
  }

  /** The asset's versioned (content-hashed) path, as the templates' links get it. */
  private String asset(String path) {
    String versioned = assets.getForLookupPath(path);
    return versioned != null ? versioned : path;
  }
}
