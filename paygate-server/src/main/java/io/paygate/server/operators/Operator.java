package io.paygate.server.operators;

import io.paygate.server.access.Role;
import java.time.Instant;

/** A person who may log in to the console, as the operators page lists them (never a password). */
public record Operator(String username, Role role, Instant created, Instant lockedUntil) {}
