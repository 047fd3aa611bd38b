package io.paygate.server.apikeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A key made through the API. {@code key} is there only in the answer that made it; {@code prefix}
 * (its first characters) tells keys apart afterwards.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(
    String id,
    String name,
    String scope,
    List<String> apps,
    String prefix,
    String key,
    Instant created) {

  static ApiKeyView of(ApiKeys.MadeKey made) {
    return new ApiKeyView(
        made.id(),
        made.name(),
        made.scope().wire(),
        List.copyOf(made.apps()),
        made.prefix(),
        made.key(),
        made.created());
  }
}
