package dev.grove.conformance;

import dev.grove.GroveException;
import java.util.Arrays;
import java.util.Objects;

/** Small assertions for the conformance suite (TeaVM compiles them; no test library needed). */
public final class Check {
  private Check() {}

  /** Code that may throw anything. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  public static void isTrue(boolean condition, String what) {
    if (!condition) {
      throw new CheckFailure("expected: " + what);
    }
  }

  public static void isFalse(boolean condition, String what) {
    if (condition) {
      throw new CheckFailure("expected not: " + what);
    }
  }

  public static void equal(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new CheckFailure(what + ": expected <" + expected + "> but was <" + actual + ">");
    }
  }

  public static void notEqual(Object unexpected, Object actual, String what) {
    if (Objects.equals(unexpected, actual)) {
      throw new CheckFailure(what + ": expected anything but <" + actual + ">");
    }
  }

  public static void bytesEqual(byte[] expected, byte[] actual, String what) {
    if (!Arrays.equals(expected, actual)) {
      throw new CheckFailure(what + ": bytes differ (expected " + describe(expected) + ", was "
          + describe(actual) + ")");
    }
  }

  /**
   * Runs {@code action} and checks it throws a {@link GroveException} with {@code code}.
   *
   * @return the exception
   */
  public static GroveException raises(String code, Action action) {
    try {
      action.run();
    } catch (GroveException e) {
      if (!e.code().equals(code)) {
        throw new CheckFailure("expected error code '" + code + "' but got '" + e.code() + "': "
            + e.getMessage());
      }
      return e;
    } catch (Exception e) {
      throw new CheckFailure("expected error code '" + code + "' but got " + e);
    }
    throw new CheckFailure("expected error code '" + code + "' but nothing was thrown");
  }

  private static String describe(byte[] bytes) {
    return bytes == null ? "null" : bytes.length + " bytes";
  }
}
