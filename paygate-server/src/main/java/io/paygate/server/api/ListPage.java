package io.paygate.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A page of a list, newest first: {@code has_more} says whether another page follows, to be asked
 * for with {@code starting_after} set to the last item's id.
 */
public record ListPage<T>(List<T> data, @JsonProperty("has_more") boolean hasMore) {

  /** From a read of up to {@code limit + 1} rows: the extra row only tells that more follow. */
  public static <T> ListPage<T> of(List<T> rows, int limit) {
    return new ListPage<>(
        List.copyOf(rows.subList(0, Math.min(limit, rows.size()))), rows.size() > limit);
  }
}
