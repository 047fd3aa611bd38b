package io.paygate.sandbox.faults;

/** Where a fault rule acts: on gateway answers or on notify deliveries. */
public enum FaultScope {
  GATEWAY,
  NOTIFY
}
