package io.paygate.server.apikeys;

import java.util.List;

/**
 * {@code POST /api/v1/api-keys}: {@code scope} is read, write or admin; {@code apps}, when given,
 * limits the key to those of the merchant's apps.
 */
public record CreateApiKeyRequest(String name, String scope, List<String> apps) {}
