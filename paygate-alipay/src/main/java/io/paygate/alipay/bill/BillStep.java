package io.paygate.alipay.bill;

/** What one step of reading a bill produced: its value, or why the bill cannot be trusted. */
sealed interface BillStep<T> {

  record Done<T>(T value) implements BillStep<T> {}

  record Failed<T>(String reason) implements BillStep<T> {}
}
