package io.paygate.server.operators;

import io.paygate.server.access.Role;
import java.time.Instant;

/**
 * A person who may log in to the console, as the operators page lists them (never a password).
 *
 * @param lockedUntil the end of a lock for too many wrong passwords
 * @param lockedByAdmin locked by an admin until an admin unlocks the account
 */
public record Operator(
    String username, Role role, Instant created, Instant lockedUntil, boolean lockedByAdmin) {}
