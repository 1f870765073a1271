package dev.grove.browser.api;

import dev.grove.GroveException;
import org.teavm.jso.JSObject;

/**
 * Failures as JavaScript errors. Each is a fresh {@link GroveErrorJs GroveError} (an
 * {@code Error}) whose {@code code} is stable: the core's codes pass through unchanged, and the
 * glue adds its own.
 */
final class Errors {
  /** An argument of the wrong type or out of range. */
  static final String INVALID_ARGUMENT = "invalid_argument";
  /** An object used when it can no longer be: a draft after its transaction, a closed store. */
  static final String INVALID_STATE = "invalid_state";
  /** The store was closed. */
  static final String CLOSED = "closed";
  /** Creating a branch that exists. */
  static final String BRANCH_EXISTS = "branch_exists";
  /** A fault that is not Grove's own: a bug, or a platform error. */
  static final String INTERNAL = "internal";

  private Errors() {}

  static GroveException invalidArgument(String message) {
    return new GroveException(INVALID_ARGUMENT, message);
  }

  /** The JavaScript error for {@code t}. */
  static JSObject toJs(Throwable t) {
    if (t instanceof GroveException) {
      return GroveErrorJs.create(((GroveException) t).code(), t.getMessage());
    }
    // Not Grove's own: the class name can be null for a wrapped JavaScript exception, so only
    // the message is used.
    String message = t.getMessage();
    return GroveErrorJs.create(INTERNAL, message == null || message.isEmpty()
        ? "internal error in grove.js" : message);
  }

  /** Throws {@code t} to the JavaScript caller of a synchronous method, as an error with a code. */
  static RuntimeException rethrow(Throwable t) {
    Js.throwError(toJs(t));
    return new IllegalStateException("unreachable"); // throwError does not return
  }
}
