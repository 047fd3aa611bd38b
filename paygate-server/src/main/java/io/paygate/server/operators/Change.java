package io.paygate.server.operators;

/** What became of an admin's change to an operator (a new role, a lock, a removal). */
public enum Change {
  DONE,
  NO_SUCH_OPERATOR,
  /** Refused: it would leave no admin who can log in. */
  LAST_ADMIN
}
