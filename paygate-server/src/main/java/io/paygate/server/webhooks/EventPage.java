package io.paygate.server.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of events, newest first; {@code has_more} tells whether another page follows. */
public record EventPage(List<EventView> data, @JsonProperty("has_more") boolean hasMore) {}
