package io.paygate.server.apikeys;

/** {@code POST /api/v1/api-keys}: {@code scope} is read, write or admin. */
public record CreateApiKeyRequest(String name, String scope) {}
