package io.paygate.server.reconciliation;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/reconciliations}: the day, as text so a wrong one is a named 400, the channel
 * whose bill it is (the default channel when absent) and its app (the default app when absent).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReconcileRequest(String billDate, String channel, String app) {}
