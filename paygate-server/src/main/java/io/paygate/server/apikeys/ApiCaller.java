package io.paygate.server.apikeys;

/**
 * Who called the API.
 *
 * @param id a stable name that is not the key: an API key's id, or {@code key_<digest prefix>} for
 *     the bootstrap or development key
 */
public record ApiCaller(String id, Scope scope) {}
