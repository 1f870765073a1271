package dev.grove.conformance;

/** A conformance check did not hold. */
public final class CheckFailure extends AssertionError {
  public CheckFailure(String message) {
    super(message);
  }
}
