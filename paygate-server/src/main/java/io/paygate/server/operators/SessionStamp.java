package io.paygate.server.operators;

import java.io.Serializable;
import java.time.Instant;

/**
 * Which account, at which version, a session was opened for: the row's creation instant tells a
 * re-made account of the same name from the removed one (whose version may have been the same), and
 * the version moves on with every new role or lock.
 */
record SessionStamp(Instant created, long version) implements Serializable {}
