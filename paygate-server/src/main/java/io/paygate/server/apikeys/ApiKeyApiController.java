package io.paygate.server.apikeys;

import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.server.api.AdminScope;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.ShownOnce;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /api/v1/api-keys}: an admin key makes, lists and revokes the shop's other keys. A key
 * limited to apps makes keys limited to some of its apps only, and sees and revokes only those.
 */
@ApiController
@RequestMapping("/api/v1/api-keys")
public class ApiKeyApiController {

  private final ApiKeys keys;

  public ApiKeyApiController(ApiKeys keys) {
    this.keys = keys;
  }

  @AdminScope
  @PostMapping
  public ResponseEntity<ApiKeyView> create(@RequestBody CreateApiKeyRequest request) {
    ApiKeys.MadeKey made = keys.create(request.name(), request.scope(), request.apps(), caller());
    ShownOnce.mark(); // the new key, in the clear: never kept for a replay
    return ResponseEntity.created(URI.create("/api/v1/api-keys/" + made.id()))
        .body(ApiKeyView.of(made));
  }

  @AdminScope
  @GetMapping
  public List<ApiKeyView> list() {
    return keys.list(caller()).stream().map(ApiKeyView::of).toList();
  }

  /** Revokes the key at once, on every instance: the next request with it is refused. */
  @AdminScope
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> revoke(@PathVariable String id) {
    if (!keys.revoke(id, caller())) {
      throw new PayGateException(ErrorCode.API_KEY_NOT_FOUND, "no live API key " + id);
    }
    return ResponseEntity.noContent().build();
  }

  private static ApiCaller caller() {
    return ApiCaller.current().orElseThrow();
  }
}
